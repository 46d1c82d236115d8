namespace Cluster.Runtime.Persistence;

/// <summary>
/// Wraps an event passed to <c>Persist</c> so the journal stores it with tags (Akka's <c>Tagged</c>): the payload is
/// stored and replayed unwrapped, the tags go to the journal's tag table for <c>IReadJournal.EventsByTag</c>. The
/// persist handler receives the <see cref="Tagged"/> itself, as in Akka. An actor that tags every event the same way
/// overrides <c>TagsFor(event)</c> instead.
/// </summary>
public sealed record Tagged
{
    public Tagged(object payload, IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(tags);
        if (payload is Tagged) throw new ArgumentException("a Tagged payload must not be Tagged again", nameof(payload));
        Payload = payload;
        Tags = PersistentRepresentation.NormalizeTags(tags);
    }

    public Tagged(object payload, params string[] tags) : this(payload, (IReadOnlyList<string>)tags)
    {
    }

    public object Payload { get; }

    /// <summary>Deduplicated tags; none may be empty or contain ';'.</summary>
    public IReadOnlyList<string> Tags { get; }
}
