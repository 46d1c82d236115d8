using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Persistence;

/// <summary>
/// The machinery under every persistent actor (Akka's <c>Eventsourced</c>): recovery from the latest snapshot and
/// the later events, writing events through the shared group-commit journal, and the stashing that makes
/// <c>Persist</c> look synchronous. Derive from <see cref="PersistentActor"/>, <see cref="UntypedPersistentActor"/>
/// or <see cref="ReceivePersistentActor"/>.
/// </summary>
/// <remarks>
/// <para>Phases of one incarnation:</para>
/// <code>
///   start/restart ──► Recovering ──(snapshot + events replayed, RecoveryCompleted)──► ProcessingCommands
///                         │                                                          │  ▲
///                         └── journal/snapshot error, handler threw ──► stopped       │  │ Persist written,
///                                                                                    ▼  │ handlers ran
///                                                         (Persist in flight: commands wait in the mailbox)
/// </code>
/// <para>While a stashing write (<c>Persist</c>, <c>PersistAll</c>, <c>Defer</c>) is in flight the mailbox holds
/// back commands (the kernel's async hold, the same one <c>ReceiveAsync</c> uses), so they run after the event
/// handlers, in arrival order; system messages (Stop, watch) still flow. Write completions run inside the mailbox
/// in the order the writes were issued. Every incarnation writes under a fresh writer uuid.</para>
/// </remarks>
public abstract partial class Eventsourced : ActorBase
{
    private enum Phase
    {
        Recovering,
        ProcessingCommands,
        Stopping,
    }

    private Phase phase = Phase.Recovering;
    private Persistence? extension;
    private string? persistenceId;
    private ActorStash? internalStash;

    protected Eventsourced()
    {
        WriterUuid = Guid.NewGuid().ToString("N");
    }

    /// <summary>Identity of this actor's event stream in the journal; must be stable across incarnations and nodes.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>How this actor recovers (default: latest snapshot, then all later events).</summary>
    public virtual Recovery Recovery => Recovery.Default;

    /// <summary>Identity of this incarnation, stored with every event it writes (a stale writer can be traced).</summary>
    public string WriterUuid { get; }

    /// <summary>
    /// Sequence number of the last event replayed or confirmed written (in an event handler: that event's number).
    /// </summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>The sequence number a snapshot taken now covers (= <see cref="LastSequenceNr"/>).</summary>
    public long SnapshotSequenceNr => LastSequenceNr;

    /// <summary>True while the snapshot and events are being replayed (false from <see cref="RecoveryCompleted"/> on).</summary>
    public bool IsRecovering => phase == Phase.Recovering;

    /// <summary>True once recovery has finished.</summary>
    public bool IsRecoveryFinished => phase != Phase.Recovering;

    /// <summary>The system's persistence extension (journal, snapshot store, registry).</summary>
    protected Persistence Extension => extension ??= Persistence.Get(Context.System);

    protected IJournal Journal => Extension.Journal;

    protected ISnapshotStore SnapshotStore => Extension.SnapshotStore;

    /// <summary>
    /// Tags for an event persisted without a <see cref="Tagged"/> wrapper (a per-actor tagger, in Akka an event
    /// adapter). Default: none.
    /// </summary>
    protected virtual IReadOnlyList<string>? TagsFor(object @event) => null;

    /// <summary>
    /// Recovery failed (journal or snapshot store unreachable, an unknown manifest, a recovery handler threw). The
    /// default logs the error; the actor is stopped afterwards in any case (Akka semantics), so a
    /// <see cref="BackoffSupervisor"/> can start it again later.
    /// </summary>
    /// <param name="cause">What failed.</param>
    /// <param name="event">The event being replayed when a handler threw, else null.</param>
    protected virtual void OnRecoveryFailure(Exception cause, object? @event)
    {
        if (@event is null)
            Log.Error(cause, "Persistent actor {PersistenceId} failed to recover and stops: {Reason}", persistenceId, cause.Message);
        else
            Log.Error(cause, "Persistent actor {PersistenceId} failed to recover while replaying {EventType} at sequence number {SequenceNr} and stops",
                persistenceId, @event.GetType().Name, LastSequenceNr);
    }

    /// <summary>The commands handler (set by the derived classes' <c>Receive</c>).</summary>
    internal abstract bool ReceiveRecoverInternal(object message);

    internal override void AroundPreStart()
    {
        base.AroundPreStart();
        StartRecovery();
    }

    internal override void AroundPostRestart(Exception reason)
    {
        base.AroundPostRestart(reason);
        StartRecovery();
    }

    internal override void AroundPreRestart(Exception reason, object? message)
    {
        // Commands this incarnation set aside go back to the mailbox so that the next one sees them.
        internalStash?.UnstashAll();
        AbandonPending();
        base.AroundPreRestart(reason, message);
    }

    internal override void AroundPostStop()
    {
        internalStash?.DrainToDeadLetters();
        AbandonPending();
        phase = Phase.Stopping;
        base.AroundPostStop();
    }

    internal override bool AroundReceive(Receive? behavior, object message)
    {
        switch (phase)
        {
            case Phase.ProcessingCommands:
                batching = true;
                bool handled;
                try
                {
                    handled = base.AroundReceive(behavior, message);
                }
                catch
                {
                    DiscardBatch();
                    throw;
                }
                finally
                {
                    batching = false;
                }
                FlushBatch();
                return handled;
            case Phase.Recovering:
                // The mailbox holds messages back while recovery runs; this only catches what slips through.
                (internalStash ??= new ActorStash(Cell)).Stash();
                return true;
            default:
                // Stopping after a persist or recovery failure: the Stop is already on its way.
                Cell.DeadLetter(message, Sender);
                return true;
        }
    }

    /// <summary>Stops this actor after a failure it cannot continue from; nothing else runs in it afterwards.</summary>
    private void StopAfterFailure()
    {
        phase = Phase.Stopping;
        AbandonPending();
        Context.Stop(Self);
    }
}
