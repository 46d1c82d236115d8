namespace Cluster.Runtime.Persistence;

/// <summary>
/// Which actor a snapshot belongs to and which event it covers: recovery loads the snapshot and replays only the
/// events after <see cref="SequenceNr"/>.
/// </summary>
/// <param name="PersistenceId">The actor whose state this is.</param>
/// <param name="SequenceNr">The last event the snapshot includes.</param>
/// <param name="Timestamp">When the snapshot was taken; stored with millisecond precision.</param>
public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, DateTimeOffset Timestamp)
{
    public string PersistenceId { get; init; } = !string.IsNullOrEmpty(PersistenceId)
        ? PersistenceId
        : throw new ArgumentException("persistence id must not be empty", nameof(PersistenceId));

    public long SequenceNr { get; init; } = SequenceNr >= 0
        ? SequenceNr
        : throw new ArgumentOutOfRangeException(nameof(SequenceNr), SequenceNr, "must not be negative");
}
