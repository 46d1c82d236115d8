namespace Cluster.Runtime.Persistence;

/// <summary>
/// How a persistent actor recovers (Akka's <c>Recovery</c>): which snapshot to start from, up to which sequence
/// number to replay and at most how many events. Override <c>Recovery</c> on the actor to change it, e.g. to look at
/// an old state, or use <see cref="None"/> for an actor that only appends.
/// </summary>
/// <remarks>
/// Whatever is replayed, the actor continues numbering after the highest sequence number stored, so a partial
/// recovery never makes it overwrite (or conflict with) its own later events.
/// </remarks>
public sealed record Recovery
{
    public Recovery(SnapshotSelectionCriteria? fromSnapshot = null, long toSequenceNr = long.MaxValue, long replayMax = long.MaxValue)
    {
        if (toSequenceNr < 0) throw new ArgumentOutOfRangeException(nameof(toSequenceNr), toSequenceNr, "must not be negative");
        if (replayMax < 0) throw new ArgumentOutOfRangeException(nameof(replayMax), replayMax, "must not be negative");
        FromSnapshot = fromSnapshot ?? SnapshotSelectionCriteria.Latest;
        ToSequenceNr = toSequenceNr;
        ReplayMax = replayMax;
    }

    /// <summary>Latest snapshot, then every later event.</summary>
    public static Recovery Default { get; } = new();

    /// <summary>No snapshot and no events: the actor starts empty but still continues after the stored sequence numbers.</summary>
    public static Recovery None { get; } = new(SnapshotSelectionCriteria.None, toSequenceNr: 0);

    /// <summary>Which snapshot to offer (<see cref="SnapshotSelectionCriteria.None"/> = none).</summary>
    public SnapshotSelectionCriteria FromSnapshot { get; init; }

    /// <summary>Last sequence number replayed (inclusive).</summary>
    public long ToSequenceNr { get; init; }

    /// <summary>Most events replayed after the snapshot.</summary>
    public long ReplayMax { get; init; }
}
