namespace Cluster.Runtime.Persistence;

/// <summary>
/// One journaled event of one persistent actor. It is what a <c>PersistentActor</c> hands to the journal on
/// <c>Persist</c> and what it gets back on recovery, so it carries everything recovery needs to rebuild state and
/// to detect a stale writer: the event itself, its position in the actor's history, its tags and the identity of
/// the writer that stored it.
/// </summary>
/// <remarks>
/// On write, <see cref="Payload"/> is the event object (serialized by the journal through the
/// <see cref="Serialization.SerializerRegistry"/>) and <see cref="Manifest"/> and <see cref="Timestamp"/> are
/// ignored; the journal stamps them. On replay, <see cref="Payload"/> is the deserialized (and upcast) event and
/// <see cref="Manifest"/> is the manifest it was stored under.
/// </remarks>
public sealed record PersistentRepresentation
{
    /// <summary>Separator of tags in the journal's <c>tags</c> column; a tag may not contain it.</summary>
    public const char TagSeparator = ';';

    public PersistentRepresentation(
        object payload,
        string persistenceId,
        long sequenceNr,
        string writerUuid,
        IReadOnlyList<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentException.ThrowIfNullOrEmpty(writerUuid);
        if (sequenceNr < 1)
            throw new ArgumentOutOfRangeException(nameof(sequenceNr), sequenceNr, "sequence numbers start at 1");
        Payload = payload;
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
        WriterUuid = writerUuid;
        Tags = NormalizeTags(tags);
    }

    /// <summary>The event (on write) or the deserialized event (on replay).</summary>
    public object Payload { get; init; }

    public string PersistenceId { get; init; }

    /// <summary>Position of this event in the actor's history, starting at 1, without gaps.</summary>
    public long SequenceNr { get; init; }

    /// <summary>Identity of the incarnation that wrote the event (a node and activation), kept so a stale writer can be found.</summary>
    public string WriterUuid { get; init; }

    /// <summary>Tags for <see cref="Query.IReadJournal.EventsByTag"/>; deduplicated, order preserved.</summary>
    public IReadOnlyList<string> Tags { get; init; }

    /// <summary>The manifest the payload was stored under (replay only; empty on write).</summary>
    public string Manifest { get; init; } = "";

    /// <summary>When the journal stored the event (replay only), with millisecond precision.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>True for an event logically deleted by <see cref="IJournal.DeleteMessagesToAsync"/> (never replayed).</summary>
    public bool Deleted { get; init; }

    internal static IReadOnlyList<string> NormalizeTags(IReadOnlyList<string>? tags)
    {
        if (tags is null || tags.Count == 0) return Array.Empty<string>();
        var result = new List<string>(tags.Count);
        foreach (var tag in tags)
        {
            if (string.IsNullOrEmpty(tag))
                throw new ArgumentException("a tag must not be null or empty", nameof(tags));
            if (tag.Contains(TagSeparator))
                throw new ArgumentException($"tag '{tag}' contains the reserved separator '{TagSeparator}'", nameof(tags));
            if (!result.Contains(tag, StringComparer.Ordinal)) result.Add(tag);
        }
        return result;
    }
}
