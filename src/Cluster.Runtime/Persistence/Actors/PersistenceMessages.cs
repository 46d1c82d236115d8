namespace Cluster.Runtime.Persistence;

/// <summary>
/// Sent to <c>ReceiveRecover</c> once per incarnation, after the snapshot and all events were replayed and before
/// the first command is processed (Akka's <c>RecoveryCompleted</c>). Persisting from its handler is allowed.
/// </summary>
public sealed class RecoveryCompleted
{
    public static readonly RecoveryCompleted Instance = new();

    private RecoveryCompleted()
    {
    }

    public override string ToString() => nameof(RecoveryCompleted);
}

/// <summary>Offered to <c>ReceiveRecover</c> first when recovery found a snapshot; the events after it follow.</summary>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);

/// <summary>Answer to <c>SaveSnapshot</c>: the snapshot is stored.</summary>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata);

/// <summary>Answer to <c>SaveSnapshot</c>: storing failed (database error, or the state's type is not registered).</summary>
public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

/// <summary>Answer to <c>DeleteMessages</c>: events up to <see cref="ToSequenceNr"/> are gone for good.</summary>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);

/// <summary>Answer to <c>DeleteMessages</c>: nothing or not everything was deleted.</summary>
public sealed record DeleteMessagesFailure(Exception Cause, long ToSequenceNr);

/// <summary>Answer to <c>DeleteSnapshot</c>.</summary>
public sealed record DeleteSnapshotSuccess(SnapshotMetadata Metadata);

/// <summary>Answer to <c>DeleteSnapshot</c> when the store failed.</summary>
public sealed record DeleteSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

/// <summary>Answer to <c>DeleteSnapshots</c>.</summary>
public sealed record DeleteSnapshotsSuccess(SnapshotSelectionCriteria Criteria);

/// <summary>Answer to <c>DeleteSnapshots</c> when the store failed.</summary>
public sealed record DeleteSnapshotsFailure(SnapshotSelectionCriteria Criteria, Exception Cause);
