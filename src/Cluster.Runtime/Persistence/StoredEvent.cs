namespace Cluster.Runtime.Persistence;

/// <summary>One journal row as the backends read and write it: serialized, not yet mapped to a CLR type.</summary>
internal sealed record StoredEvent(
    long Ordering,
    string PersistenceId,
    long SequenceNr,
    long CreatedMs,
    IReadOnlyList<string> Tags,
    string Manifest,
    byte[] Payload,
    string WriterUuid,
    bool Deleted)
{
    /// <summary>The <c>tags</c> column: tags joined by <see cref="PersistentRepresentation.TagSeparator"/>, null when untagged.</summary>
    public string? TagsColumn => Tags.Count == 0 ? null : string.Join(PersistentRepresentation.TagSeparator, Tags);

    public static IReadOnlyList<string> ParseTags(string? column) =>
        string.IsNullOrEmpty(column) ? Array.Empty<string>() : column.Split(PersistentRepresentation.TagSeparator);
}

/// <summary>An <see cref="AtomicWrite"/> after serialization: what a backend stores all-or-nothing.</summary>
internal sealed class SerializedWrite
{
    public SerializedWrite(IReadOnlyList<StoredEvent> events)
    {
        Events = events;
    }

    public IReadOnlyList<StoredEvent> Events { get; }

    public string PersistenceId => Events[0].PersistenceId;

    public string WriterUuid => Events[0].WriterUuid;
}
