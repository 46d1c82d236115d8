using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Persistence;

/// <summary>Persist, PersistAll, their async forms and Defer; issuing writes and running handlers in order.</summary>
public abstract partial class Eventsourced
{
    private static readonly Task<IReadOnlyList<WriteResult>> NoWrites = Task.FromResult<IReadOnlyList<WriteResult>>(Array.Empty<WriteResult>());
    private static readonly SendOrPostCallback WriteCompletedCallback = static s => ((Eventsourced)s!).OnWriteCompleted();

    private readonly List<PendingItem> eventBatch = new();
    private readonly Queue<WriteRequest> inFlight = new();
    private long sequenceNr;
    private int pendingInvocations;
    private bool batching;

    /// <summary>
    /// Writes <paramref name="event"/> and then calls <paramref name="handler"/> with it (Sender = the command's
    /// sender). Until the handler has run, later commands wait: the actor sees its own state change before anything
    /// else. A <see cref="Tagged"/> event is stored with its tags; the handler gets the <see cref="Tagged"/>.
    /// </summary>
    public void Persist<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull =>
        AddWrite(new[] { (object)@event }, Wrap(handler), stashing: true);

    /// <summary>
    /// Writes all <paramref name="events"/> atomically (one journal write: recovery sees all or none) and calls
    /// <paramref name="handler"/> for each, in order. Later commands wait until the last handler has run.
    /// </summary>
    public void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) where TEvent : notnull =>
        AddWrite(Materialize(events), Wrap(handler), stashing: true);

    /// <summary>
    /// Like <see cref="Persist{TEvent}"/>, but the actor keeps processing commands while the write is in flight.
    /// Handlers of all writes still run in the order the events were persisted.
    /// </summary>
    public void PersistAsync<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull =>
        AddWrite(new[] { (object)@event }, Wrap(handler), stashing: false);

    /// <summary>Atomic like <see cref="PersistAll{TEvent}"/>, without holding commands back.</summary>
    public void PersistAllAsync<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) where TEvent : notnull =>
        AddWrite(Materialize(events), Wrap(handler), stashing: false);

    /// <summary>
    /// Runs <paramref name="handler"/> after the handlers of everything persisted before it (at once when nothing is
    /// pending); nothing is written. Commands keep being processed meanwhile.
    /// </summary>
    public void DeferAsync<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull => AddDefer(@event, Wrap(handler), stashing: false);

    /// <summary>Like <see cref="DeferAsync{TEvent}"/>, but later commands wait until the handler has run.</summary>
    public void Defer<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull => AddDefer(@event, Wrap(handler), stashing: true);

    /// <summary>
    /// The journal failed to store an event (database unreachable after the retries, or another writer holds the
    /// sequence number). The default logs the error; the actor is stopped afterwards in any case (Akka semantics):
    /// its state may no longer match the journal. Run it under a <see cref="BackoffSupervisor"/> to bring it back.
    /// </summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        if (cause is JournalConflictException conflict)
        {
            Log.Error(cause,
                "Persistent actor {PersistenceId} stops: sequence number {SequenceNr} is already held by another writer " +
                "(two live incarnations of one entity); this writer {WriterUuid} is stale",
                conflict.PersistenceId, conflict.SequenceNr, WriterUuid);
            return;
        }
        Log.Error(cause, "Persistent actor {PersistenceId} failed to persist {EventType} at sequence number {SequenceNr} and stops: {Reason}",
            persistenceId, EventTypeName(@event), sequenceNr, cause.Message);
    }

    /// <summary>
    /// The journal refused an event before storing it (it cannot be serialized). Nothing was stored, the handler
    /// does not run, and the actor continues. The default logs a warning.
    /// </summary>
    protected virtual void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        Log.Warning(cause, "Persistent actor {PersistenceId} could not persist {EventType} at sequence number {SequenceNr} (rejected, not stored): {Reason}",
            persistenceId, EventTypeName(@event), sequenceNr, cause.Message);

    private static string EventTypeName(object @event) => (@event is Tagged t ? t.Payload : @event).GetType().Name;

    private static Action<object> Wrap<TEvent>(Action<TEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return e => handler((TEvent)e);
    }

    private static object[] Materialize<TEvent>(IEnumerable<TEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var list = new List<object>();
        foreach (var e in events)
        {
            if (e is null) throw new ArgumentException("events must not contain null", nameof(events));
            list.Add(e);
        }
        return list.ToArray();
    }

    private void EnsureCanPersist()
    {
        if (phase == Phase.Recovering)
            throw new IllegalActorStateException(
                "Cannot persist during replay; events can be persisted from RecoveryCompleted on.");
        if (Cell.Actor != this)
            throw new IllegalActorStateException("Persist can only be called from inside the actor.");
    }

    private void AddWrite(object[] events, Action<object> handler, bool stashing)
    {
        EnsureCanPersist();
        if (events.Length == 0) return;
        var pid = persistenceId!;
        var representations = new PersistentRepresentation[events.Length];
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            representations[i] = e is Tagged t
                ? new PersistentRepresentation(t.Payload, pid, sequenceNr + 1 + i, WriterUuid, t.Tags)
                : new PersistentRepresentation(e, pid, sequenceNr + 1 + i, WriterUuid, TagsFor(e));
        }
        sequenceNr += events.Length;
        Enqueue(new PendingItem(new AtomicWrite(representations), events, handler, Sender, stashing));
    }

    private void AddDefer(object @event, Action<object> handler, bool stashing)
    {
        EnsureCanPersist();
        ArgumentNullException.ThrowIfNull(@event);
        if (pendingInvocations == 0 && eventBatch.Count == 0)
        {
            handler(@event);
            return;
        }
        Enqueue(new PendingItem(null, new[] { @event }, handler, Sender, stashing));
    }

    private void Enqueue(PendingItem item)
    {
        eventBatch.Add(item);
        pendingInvocations += item.Events.Length;
        // Inside a command (or a handler) the batch is written when it returns, so that several Persist calls of one
        // command travel in one journal call; elsewhere (after an await in an async handler) it is written now.
        if (!batching) FlushBatch();
    }

    private void DiscardBatch()
    {
        foreach (var item in eventBatch) pendingInvocations -= item.Events.Length;
        eventBatch.Clear();
    }

    private void AbandonPending()
    {
        eventBatch.Clear();
        inFlight.Clear();
        pendingInvocations = 0;
    }

    /// <summary>Sends the batch collected by the current command to the journal as one call.</summary>
    private void FlushBatch()
    {
        if (eventBatch.Count == 0 || phase != Phase.ProcessingCommands) return;
        var items = eventBatch.ToArray();
        eventBatch.Clear();
        List<AtomicWrite>? writes = null;
        var stashing = false;
        foreach (var item in items)
        {
            if (item.Write is not null) (writes ??= new List<AtomicWrite>(items.Length)).Add(item.Write);
            stashing |= item.Stashing;
        }
        Task<IReadOnlyList<WriteResult>> task;
        if (writes is null)
        {
            task = NoWrites;
        }
        else
        {
            try
            {
                task = Journal.WriteMessagesAsync(writes);
            }
            catch (Exception e)
            {
                task = Task.FromException<IReadOnlyList<WriteResult>>(e);
            }
        }
        var request = new WriteRequest(items, task, stashing ? new TaskCompletionSource() : null);
        inFlight.Enqueue(request);
        var context = Cell.MailboxSynchronizationContext;
        if (task.IsCompleted) context.Post(WriteCompletedCallback, this);
        else task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => context.Post(WriteCompletedCallback, this));
        // Commands wait in the mailbox until the handlers of this request have run (Akka's "persist stashes").
        if (request.Release is { } release) Cell.RunTask(static s => ((TaskCompletionSource)s!).Task, release);
    }

    /// <summary>Inside the mailbox: runs the handlers of every completed request at the head, in issue order.</summary>
    private void OnWriteCompleted()
    {
        while (phase == Phase.ProcessingCommands && inFlight.TryPeek(out var request) && request.Task.IsCompleted)
        {
            inFlight.Dequeue();
            batching = true;
            try
            {
                Complete(request);
            }
            finally
            {
                batching = false;
            }
            if (phase != Phase.ProcessingCommands) return;
            FlushBatch();                     // events persisted by the handlers go out before the commands resume
            request.Release?.TrySetResult();
        }
    }

    private void Complete(WriteRequest request)
    {
        IReadOnlyList<WriteResult>? results = null;
        Exception? whole = null;
        if (request.Task.IsCompletedSuccessfully) results = request.Task.Result;
        else whole = request.Task.Exception?.GetBaseException() ?? new OperationCanceledException("The journal write was cancelled.");
        var writeIndex = 0;
        foreach (var item in request.Items)
        {
            if (item.Write is null)
            {
                Invoke(item, 0);
                continue;
            }
            var result = whole is not null ? WriteResult.Failed(whole)
                : writeIndex < results!.Count ? results[writeIndex] : WriteResult.Failed(new InvalidOperationException("The journal answered fewer writes than it was given."));
            writeIndex++;
            var events = item.Write.Payload;
            switch (result.Outcome)
            {
                case WriteOutcome.Ok:
                    for (var i = 0; i < events.Count; i++)
                    {
                        LastSequenceNr = events[i].SequenceNr;
                        Invoke(item, i);
                    }
                    break;
                case WriteOutcome.Rejected:
                    for (var i = 0; i < events.Count; i++)
                    {
                        LastSequenceNr = events[i].SequenceNr;
                        pendingInvocations--;
                        OnPersistRejected(result.Cause!, item.Events[i], events[i].SequenceNr);
                    }
                    break;
                default:
                    try
                    {
                        OnPersistFailure(result.Cause!, item.Events[0], events[0].SequenceNr);
                    }
                    finally
                    {
                        StopAfterFailure();
                    }
                    return;
            }
        }
    }

    private void Invoke(PendingItem item, int index)
    {
        pendingInvocations--;
        var previous = Cell.ExchangeSender(item.Sender);
        try
        {
            item.Handler(item.Events[index]);
        }
        finally
        {
            Cell.ExchangeSender(previous);
        }
    }

    /// <summary>One Persist/PersistAll (with its atomic write) or one Defer of a command.</summary>
    private sealed record PendingItem(AtomicWrite? Write, object[] Events, Action<object> Handler, IActorRef? Sender, bool Stashing);

    /// <summary>One journal call: the items of one command, its task, and the hold on commands it releases.</summary>
    private sealed record WriteRequest(PendingItem[] Items, Task<IReadOnlyList<WriteResult>> Task, TaskCompletionSource? Release);
}
