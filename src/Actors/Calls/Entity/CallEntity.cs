using Cluster.Actors.Users.Entity;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Sharding;
using Serilog;

namespace Cluster.Actors.Calls.Entity;

/// <summary>
/// The sharded, event-sourced call (entity id = call id, persistence id <c>call-</c> + call id). It adds no call rules:
/// every command goes through <see cref="CallDecider.Decide"/>, and the actor only journals, adopts
/// <see cref="CallDecision.After"/>, answers, carries out the effects and keeps one timer. See docs/domain/calls.md,
/// section "Entity".
/// </summary>
/// <remarks>
/// <code>
///   start ──► recovering (snapshot call.snapshot.v1 + later events) ──► ready ◄──────────────────────────┐
///                                                                         │                               │
///            command ── Decide ──┬─ events ──► PersistAll (commands wait) ──► state = After, reply, effects┤
///                                └─ none ────► state = After (ephemeral), reply, effects ─────────────────┤
///            GetCall ── Describe ──► CallView ─────────────────────────────────────────────────────────────┘
///            journal failure ──► the waiting sender gets Status.Failure, the entity stops
///            idle with no deadline ──► Passivate(StopCallEntity) to the shard ──► stops
/// </code>
/// After every decision and after recovery the keyed timer "timer-due" is set to <see cref="CallState.NextDeadline"/>
/// and sends <see cref="TimerDue"/>. <see cref="CallRecorded"/> is tagged <see cref="CallManifests.RecordTag"/>.
/// </remarks>
public sealed partial class CallEntity : ReceivePersistentActor, IWithTimers
{
    /// <summary>Persistence ids are this prefix plus the call id.</summary>
    public const string PersistenceIdPrefix = "call-";

    private static readonly IReadOnlyList<string> RecordTags = [CallManifests.RecordTag];

    /// <summary>If a TimerDue left a deadline that has already passed (a bug), retry after this rather than spin.</summary>
    private static readonly TimeSpan StuckDeadlineRetry = TimeSpan.FromSeconds(1);

    private readonly string callId;
    private readonly CallDecider decider;
    private readonly CallEntitySettings settings;
    private readonly INodeRouterDirectory routers;
    private readonly string localNodeId;
    private readonly Users.IUserGateway users;
    private readonly CallListing? listing;
    private readonly TimeProvider clock;
    private readonly ILogger log;
    private CallState state;
    private int eventsSinceSnapshot;
    private PendingCommand? pending;

    public CallEntity(string callId, CallEntityDependencies dependencies)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callId);
        ArgumentNullException.ThrowIfNull(dependencies);
        this.callId = callId;
        decider = dependencies.Decider;
        settings = dependencies.Settings;
        routers = dependencies.Routers;
        localNodeId = dependencies.LocalNodeId;
        users = dependencies.Users;
        listing = dependencies.Listing;
        clock = Context.System.Settings.TimeProvider;
        log = Log.ForContext("EntityId", callId).ForContext("CallId", callId);
        state = CallState.Initial(callId);
        PersistenceId = PersistenceIdPrefix + callId;

        Recover<SnapshotOffer>(OnSnapshotOffer);
        Recover<ICallEvent>(e =>
        {
            state = state.Apply(e);
            eventsSinceSnapshot++;
        });
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<ICallCommand>(HandleCommand);
        Command<GetCall>(_ => Reply(CallDecider.Describe(state)));
        Command<StopCallEntity>(_ => Context.Stop(Self));
        Command<ReceiveTimeout>(_ => OnIdle());
        Command<SaveSnapshotSuccess>(OnSnapshotSaved);
        Command<SaveSnapshotFailure>(f => log.Warning(f.Cause, "Call {CallId}: snapshot at sequence number {SequenceNr} failed; recovery replays more events until the next one succeeds",
            callId, f.Metadata.SequenceNr));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => log.Warning(f.Cause, "Call {CallId}: deleting older snapshots failed", callId));
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of the entity for <paramref name="callId"/>.</summary>
    public static Props Props(string callId, CallEntityDependencies dependencies) =>
        Runtime.Kernel.Props.Create(() => new CallEntity(callId, dependencies));

    /// <summary>The persistence id of a call's entity.</summary>
    public static string PersistenceIdOf(string callId) => PersistenceIdPrefix + callId;

    protected override IReadOnlyList<string>? TagsFor(object @event) =>
        @event is ICallEvent e && CallManifests.TagsOf(e).Count > 0 ? RecordTags : null;

    protected override void PostStop()
    {
        // Stopped while a write was in flight (forced hand-off, system shutdown): the sender must not wait in vain.
        FailPending("the call entity stopped before its journal write was confirmed; the command may or may not have " +
                    "taken effect: resend it with the same command id", transient: true, cause: null);
        listing?.Forget(callId);
        base.PostStop();
    }

    private void OnSnapshotOffer(SnapshotOffer offer)
    {
        if (offer.Snapshot is not CallSnapshot snapshot)
        {
            throw new InvalidOperationException(
                $"snapshot of {PersistenceId} at sequence number {offer.Metadata.SequenceNr} is a {offer.Snapshot.GetType().Name}, not a CallSnapshot");
        }

        if (!string.Equals(snapshot.CallId, callId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"snapshot of {PersistenceId} names another call, {snapshot.CallId}");
        }

        state = snapshot.ToState();
        eventsSinceSnapshot = 0;
    }

    private void OnRecovered()
    {
        log.Debug("Call {CallId} recovered at sequence number {SequenceNr} ({Phase})", callId, LastSequenceNr, state.Phase);
        if (settings.PassivateIdleAfter is { } idle)
        {
            Context.SetReceiveTimeout(idle);
        }

        listing?.Track(state);
        ArmTimer(afterTimerDue: false);
    }

    private void HandleCommand(ICallCommand command)
    {
        CallDecision decision;
        try
        {
            decision = decider.Decide(state, command, clock.GetUtcNow());
        }
        catch (Exception e)
        {
            // Decide is pure: nothing changed, so answer and carry on rather than restart and replay.
            log.Error(e, "Call {CallId}: deciding {Command} failed", callId, command.GetType().Name);
            Reply(new Status.Failure(new CallEntityException(callId, $"call {callId} failed to handle {command.GetType().Name}: {e.Message}", isTransient: false, e)));
            return;
        }

        if (!decision.Persists)
        {
            Complete(decision, command);
            return;
        }

        pending = new PendingCommand(Sender, command.GetType().Name);
        var remaining = decision.Events.Count;
        PersistAll(decision.Events, _ =>
        {
            if (--remaining == 0)
            {
                pending = null;
                eventsSinceSnapshot += decision.Events.Count;
                Complete(decision, command);
                MaybeSnapshot();
            }
        });
    }

    private void Complete(CallDecision decision, ICallCommand command)
    {
        // Events and ephemeral changes were applied interleaved by the decider: After is the result (calls.md).
        state = decision.After;
        Reply(decision.Reply);
        if (decision.IsRejected)
        {
            log.Debug("Call {CallId} refused {Command}: {Reply}", callId, command.GetType().Name, decision.Reply);
        }

        CarryOut(decision.Effects);
        listing?.Track(state);
        ArmTimer(afterTimerDue: command is TimerDue);
    }

    /// <summary>Answers the current sender, unless there is none (the timer and lookups send without a sender).</summary>
    private void Reply(object reply)
    {
        var to = Sender;
        if (to is not null && !to.Equals(Context.System.DeadLetters) && !to.Equals(ActorRefs.Nobody))
        {
            to.Tell(reply, Self);
        }
    }

    private void ArmTimer(bool afterTimerDue)
    {
        if (state.NextDeadline() is not { } next)
        {
            Timers.Cancel(DeadlineTimer.Key);
            return;
        }

        var delay = next - clock.GetUtcNow();
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        if (afterTimerDue && delay == TimeSpan.Zero)
        {
            log.Warning("Call {CallId}: TimerDue left a deadline in the past ({Deadline}); retrying in {Retry}", callId, next, StuckDeadlineRetry);
            delay = StuckDeadlineRetry;
        }

        Timers.StartSingleTimer(DeadlineTimer.Key, TimerDue.Instance, delay);
    }

    private void MaybeSnapshot()
    {
        if (settings.SnapshotEvery is { } every && eventsSinceSnapshot >= every)
        {
            eventsSinceSnapshot = 0;
            SaveSnapshot(CallSnapshot.From(state));
        }
    }

    private void OnSnapshotSaved(SaveSnapshotSuccess saved)
    {
        log.Debug("Call {CallId}: snapshot saved at sequence number {SequenceNr}", callId, saved.Metadata.SequenceNr);
        if (saved.Metadata.SequenceNr > 1)
        {
            DeleteSnapshots(new SnapshotSelectionCriteria(maxSequenceNr: saved.Metadata.SequenceNr - 1));
        }
    }

    private void OnIdle()
    {
        if (state.NextDeadline() is { } next)
        {
            // Passivating would lose the timer (and a ringing phase): stay until the last deadline has been handled.
            log.Verbose("Call {CallId} is idle but keeps running until {Deadline}", callId, next);
            return;
        }

        log.Debug("Call {CallId} passivates after being idle", callId);
        Context.SetReceiveTimeout(null);
        Context.Parent.Tell(new Passivate(StopCallEntity.Instance), Self);
    }

    /// <summary>The sender of the command whose events are being written, answered with a failure if they never are.</summary>
    private sealed record PendingCommand(IActorRef ReplyTo, string CommandType);

    /// <summary>Key of the keyed deadline timer.</summary>
    private sealed class DeadlineTimer
    {
        public static readonly DeadlineTimer Key = new();

        private DeadlineTimer()
        {
        }

        public override string ToString() => "timer-due";
    }
}
