namespace Cluster.Runtime.Persistence;

/// <summary>Recovery: the latest matching snapshot, then the later events, then <see cref="RecoveryCompleted"/>.</summary>
public abstract partial class Eventsourced
{
    private void StartRecovery()
    {
        var pid = PersistenceId;
        if (string.IsNullOrEmpty(pid))
            throw new Kernel.ActorInitializationException($"{GetType().Name} has no PersistenceId; it must return a stable, non-empty id.");
        persistenceId = pid;
        _ = Extension;   // fail at start, naming the cause, when no persistence is registered
        var recovery = Recovery ?? throw new Kernel.ActorInitializationException($"{GetType().Name}.Recovery returned null.");
        phase = Phase.Recovering;
        // The kernel holds commands back until this task completes; its awaits continue inside the mailbox.
        Cell.RunTask(static s =>
        {
            var (self, r) = ((Eventsourced, Recovery))s!;
            return self.RecoverAsync(r);
        }, (this, recovery));
    }

    private async Task RecoverAsync(Recovery recovery)
    {
        var pid = persistenceId!;
        object? replaying = null;
        long highest;
        try
        {
            var toSequenceNr = recovery.ToSequenceNr;
            var criteria = recovery.FromSnapshot;
            if (criteria.MaxSequenceNr > 0 && toSequenceNr > 0)
            {
                if (criteria.MaxSequenceNr > toSequenceNr) criteria = criteria with { MaxSequenceNr = toSequenceNr };
                if (criteria.MinSequenceNr > criteria.MaxSequenceNr) criteria = criteria with { MinSequenceNr = criteria.MaxSequenceNr };
                var selected = await SnapshotStore.LoadAsync(pid, criteria);
                if (selected is not null)
                {
                    LastSequenceNr = selected.Metadata.SequenceNr;
                    var offer = new SnapshotOffer(selected.Metadata, selected.Snapshot);
                    replaying = offer;
                    Recover(offer);
                    replaying = null;
                }
            }

            // An unlimited replay ends at the highest stored event, unless it replays nothing: deletion only ever
            // removes a prefix of the history, so a stored event is never followed by a deleted one. That saves the
            // highest-sequence-number query for every actor that has events (one query instead of two per recovery).
            var unlimited = toSequenceNr == long.MaxValue && recovery.ReplayMax == long.MaxValue;
            highest = unlimited ? 0 : await Journal.ReadHighestSequenceNrAsync(pid, LastSequenceNr);
            var to = unlimited ? long.MaxValue : Math.Min(toSequenceNr, highest);
            var left = recovery.ReplayMax;
            var next = LastSequenceNr + 1;
            var pageSize = Extension.RecoveryPageSize;
            var page = new List<PersistentRepresentation>(Math.Min(pageSize, 64));
            var replayedAny = false;
            while (next <= to && left > 0)
            {
                page.Clear();
                var max = Math.Min(left, pageSize);
                await Journal.ReplayMessagesAsync(pid, next, to, max, page.Add);
                foreach (var e in page)
                {
                    replaying = e.Payload;
                    LastSequenceNr = e.SequenceNr;
                    Recover(e.Payload);
                }
                replaying = null;
                replayedAny |= page.Count > 0;
                if (page.Count < max) break;
                left -= page.Count;
                next = page[^1].SequenceNr + 1;
            }
            if (unlimited) highest = replayedAny ? LastSequenceNr : await Journal.ReadHighestSequenceNrAsync(pid, LastSequenceNr);
        }
        catch (Exception e)
        {
            try
            {
                OnRecoveryFailure(e, replaying);
            }
            finally
            {
                StopAfterFailure();
            }
            return;
        }

        sequenceNr = Math.Max(highest, LastSequenceNr);
        LastSequenceNr = sequenceNr;
        phase = Phase.ProcessingCommands;
        batching = true;
        try
        {
            Recover(RecoveryCompleted.Instance);
        }
        finally
        {
            batching = false;
        }
        FlushBatch();
        internalStash?.UnstashAll();
    }

    private void Recover(object message)
    {
        if (!ReceiveRecoverInternal(message) && message is not RecoveryCompleted) Unhandled(message);
    }
}
