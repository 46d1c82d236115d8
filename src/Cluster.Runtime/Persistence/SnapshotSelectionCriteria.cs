namespace Cluster.Runtime.Persistence;

/// <summary>
/// Which snapshots a load or delete applies to (Akka's <c>SnapshotSelectionCriteria</c>): those with a sequence
/// number and timestamp inside the given bounds (all inclusive). Loading picks the one with the highest sequence
/// number among them.
/// </summary>
public sealed record SnapshotSelectionCriteria
{
    public SnapshotSelectionCriteria(
        long maxSequenceNr = long.MaxValue,
        DateTimeOffset? maxTimestamp = null,
        long minSequenceNr = 0,
        DateTimeOffset? minTimestamp = null)
    {
        if (minSequenceNr < 0) throw new ArgumentOutOfRangeException(nameof(minSequenceNr), minSequenceNr, "must not be negative");
        if (maxSequenceNr < minSequenceNr)
            throw new ArgumentException($"max sequence number {maxSequenceNr} is below min sequence number {minSequenceNr}");
        MaxSequenceNr = maxSequenceNr;
        MaxTimestamp = maxTimestamp ?? DateTimeOffset.MaxValue;
        MinSequenceNr = minSequenceNr;
        MinTimestamp = minTimestamp ?? DateTimeOffset.MinValue;
    }

    /// <summary>Any snapshot: the latest one is loaded.</summary>
    public static SnapshotSelectionCriteria Latest { get; } = new();

    /// <summary>No snapshot: recovery replays from the first event.</summary>
    public static SnapshotSelectionCriteria None { get; } = new(maxSequenceNr: 0);

    public long MaxSequenceNr { get; init; }

    public DateTimeOffset MaxTimestamp { get; init; }

    public long MinSequenceNr { get; init; }

    public DateTimeOffset MinTimestamp { get; init; }

    internal long MaxTimestampMs => ToMs(MaxTimestamp);

    internal long MinTimestampMs => ToMs(MinTimestamp);

    internal bool Matches(long sequenceNr, long timestampMs) =>
        sequenceNr >= MinSequenceNr && sequenceNr <= MaxSequenceNr &&
        timestampMs >= MinTimestampMs && timestampMs <= MaxTimestampMs;

    private static long ToMs(DateTimeOffset t) =>
        t == DateTimeOffset.MaxValue ? long.MaxValue : t == DateTimeOffset.MinValue ? long.MinValue : t.ToUnixTimeMilliseconds();
}
