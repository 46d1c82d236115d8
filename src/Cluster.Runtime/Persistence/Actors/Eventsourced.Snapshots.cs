using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Persistence;

/// <summary>Snapshots and deletion; each answers the actor with a success or failure message (Akka's protocol).</summary>
public abstract partial class Eventsourced
{
    /// <summary>
    /// Stores <paramref name="snapshot"/> as the state after event <see cref="SnapshotSequenceNr"/>; the actor then
    /// receives <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/> as a command. Pass an
    /// immutable value: it is serialized after this call returns.
    /// </summary>
    public void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var metadata = new SnapshotMetadata(RequirePersistenceId(), SnapshotSequenceNr, Context.System.Settings.TimeProvider.GetUtcNow());
        Reply(Run(() => SnapshotStore.SaveAsync(metadata, snapshot)),
            () => new SaveSnapshotSuccess(metadata), e => new SaveSnapshotFailure(metadata, e));
    }

    /// <summary>Deletes the snapshot at <paramref name="sequenceNr"/>; answers <see cref="DeleteSnapshotSuccess"/>/<see cref="DeleteSnapshotFailure"/>.</summary>
    public void DeleteSnapshot(long sequenceNr)
    {
        var metadata = new SnapshotMetadata(RequirePersistenceId(), sequenceNr, DateTimeOffset.MinValue);
        Reply(Run(() => SnapshotStore.DeleteAsync(metadata)),
            () => new DeleteSnapshotSuccess(metadata), e => new DeleteSnapshotFailure(metadata, e));
    }

    /// <summary>Deletes the snapshots matching <paramref name="criteria"/>; answers <see cref="DeleteSnapshotsSuccess"/>/<see cref="DeleteSnapshotsFailure"/>.</summary>
    public void DeleteSnapshots(SnapshotSelectionCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var pid = RequirePersistenceId();
        Reply(Run(() => SnapshotStore.DeleteAsync(pid, criteria)),
            () => new DeleteSnapshotsSuccess(criteria), e => new DeleteSnapshotsFailure(criteria, e));
    }

    /// <summary>
    /// Deletes the events up to and including <paramref name="toSequenceNr"/> (<c>long.MaxValue</c> = all written so
    /// far); answers <see cref="DeleteMessagesSuccess"/> or <see cref="DeleteMessagesFailure"/>. Deleted events are
    /// never replayed; sequence numbers continue after them. Take a snapshot first if the state must survive.
    /// </summary>
    public void DeleteMessages(long toSequenceNr)
    {
        var pid = RequirePersistenceId();
        if (toSequenceNr != long.MaxValue && toSequenceNr > LastSequenceNr)
        {
            Self.Tell(new DeleteMessagesFailure(new ArgumentOutOfRangeException(nameof(toSequenceNr), toSequenceNr,
                $"toSequenceNr {toSequenceNr} must be less than or equal to lastSequenceNr {LastSequenceNr}"), toSequenceNr), ActorRefs.NoSender);
            return;
        }
        var upTo = Math.Min(toSequenceNr, LastSequenceNr);
        Reply(Run(() => Journal.DeleteMessagesToAsync(pid, upTo)),
            () => new DeleteMessagesSuccess(toSequenceNr), e => new DeleteMessagesFailure(e, toSequenceNr));
    }

    private string RequirePersistenceId() =>
        persistenceId ?? throw new IllegalActorStateException("Snapshots and deletes are available once the actor has started.");

    private static Task Run(Func<Task> operation)
    {
        try
        {
            return operation();
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    /// <summary>Tells this actor the outcome of <paramref name="task"/> as an ordinary message (no sender).</summary>
    private void Reply(Task task, Func<object> success, Func<Exception, object> failure)
    {
        var self = Self;
        task.ContinueWith(t => self.Tell(t.IsCompletedSuccessfully
                    ? success()
                    : failure(t.Exception?.GetBaseException() ?? new OperationCanceledException("The operation was cancelled.")), ActorRefs.NoSender),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
