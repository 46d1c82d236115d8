using Cluster.Actors.Common;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Sharding;
using Serilog;

namespace Cluster.Actors.Users.Entity;

/// <summary>
/// The sharded, event-sourced user (entity id <c>user@domain</c>, persistence id <c>user-user@domain</c>). It adds no
/// domain rules: every command goes through <see cref="UserDecider.Decide"/>, and the actor only journals, applies,
/// answers, sends the effects and keeps the expiry timer. See docs/domain/users.md, section "Entity".
/// </summary>
/// <remarks>
/// <code>
///   start ──► recovering (snapshot user.snapshot.v1 + later events) ──► ready ◄──────────────────────┐
///                                                                       │                           │
///            command ── Decide ──┬─ events ──► PersistAll (commands wait) ──► apply, reply, effects ─┤
///                                └─ none ────► apply ephemeral, reply, effects ─────────────────────┤
///            query ── Query ──► reply ──────────────────────────────────────────────────────────────┘
///            journal failure ──► the waiting sender gets Status.Failure, the entity stops
///            idle with nothing pending ──► Passivate(StopUserEntity) to the shard ──► stops
/// </code>
/// After every decision and after recovery the keyed timer "expire-due" is set to <see cref="UserState.NextDeadline"/>
/// and sends <see cref="ExpireDue"/>. Profile events are tagged <see cref="DirectoryTag"/> for the directory projection.
/// </remarks>
public sealed partial class UserEntity : ReceivePersistentActor, IWithTimers
{
    /// <summary>Persistence ids are this prefix plus the canonical address.</summary>
    public const string PersistenceIdPrefix = "user-";

    /// <summary>The journal tag of events that change what the user directory shows (created, profile, disabled, removed).</summary>
    public const string DirectoryTag = "user-directory";

    private static readonly IReadOnlyList<string> DirectoryTags = [DirectoryTag];

    /// <summary>If an ExpireDue left a deadline that has already passed (a bug), retry after this rather than spin.</summary>
    private static readonly TimeSpan StuckDeadlineRetry = TimeSpan.FromSeconds(1);

    private readonly UserAddress address;
    private readonly UserDecider decider;
    private readonly UserEntitySettings settings;
    private readonly INodeRouterDirectory routers;
    private readonly Func<IActorRef> users;
    private readonly TimeProvider clock;
    private readonly ILogger log;
    private UserState state;
    private int eventsSinceSnapshot;
    private PendingCommand? pending;

    public UserEntity(UserAddress address, UserEntityDependencies dependencies)
    {
        if (address.IsEmpty)
        {
            throw new ArgumentException("a user entity needs an address", nameof(address));
        }

        ArgumentNullException.ThrowIfNull(dependencies);
        this.address = address;
        decider = dependencies.Decider;
        settings = dependencies.Settings;
        routers = dependencies.Routers;
        users = dependencies.Users;
        clock = Context.System.Settings.TimeProvider;
        log = Log.ForContext("EntityId", address.ToString());
        state = UserState.Initial(address);
        PersistenceId = PersistenceIdPrefix + address;

        Recover<SnapshotOffer>(OnSnapshotOffer);
        Recover<IUserEvent>(e =>
        {
            state = state.Apply(e);
            eventsSinceSnapshot++;
        });
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<IUserCommand>(HandleCommand);
        Command<IUserQuery>(HandleQuery);
        Command<StopUserEntity>(_ => Context.Stop(Self));
        Command<ReceiveTimeout>(_ => OnIdle());
        Command<IUserReply>(OnPeerReply);
        Command<Status.Failure>(OnPeerFailure);
        Command<SaveSnapshotSuccess>(OnSnapshotSaved);
        Command<SaveSnapshotFailure>(f => log.Warning(f.Cause, "User {User}: snapshot at sequence number {SequenceNr} failed; recovery replays more events until the next one succeeds",
            address, f.Metadata.SequenceNr));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => log.Warning(f.Cause, "User {User}: deleting older snapshots failed", address));
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of the entity for <paramref name="address"/>.</summary>
    public static Props Props(UserAddress address, UserEntityDependencies dependencies) =>
        Runtime.Kernel.Props.Create(() => new UserEntity(address, dependencies));

    /// <summary>The persistence id of a user's entity.</summary>
    public static string PersistenceIdOf(UserAddress address) => PersistenceIdPrefix + address;

    protected override IReadOnlyList<string>? TagsFor(object @event) => @event switch
    {
        UserCreated or ProfileUpdated or UserDisabledChanged or UserRemoved => DirectoryTags,
        _ => null,
    };

    protected override void PostStop()
    {
        // Stopped while a write was in flight (forced hand-off, system shutdown): the sender must not wait in vain.
        FailPending("the user entity stopped before its journal write was confirmed; the command may or may not have " +
                    "taken effect: resend it with the same command id", transient: true, cause: null);
        base.PostStop();
    }

    private void OnSnapshotOffer(SnapshotOffer offer)
    {
        if (offer.Snapshot is not UserSnapshot snapshot)
        {
            throw new InvalidOperationException(
                $"snapshot of {PersistenceId} at sequence number {offer.Metadata.SequenceNr} is a {offer.Snapshot.GetType().Name}, not a UserSnapshot");
        }

        if (snapshot.Address != address)
        {
            throw new InvalidOperationException($"snapshot of {PersistenceId} names another user, {snapshot.Address}");
        }

        state = snapshot.ToState();
        eventsSinceSnapshot = 0;
    }

    private void OnRecovered()
    {
        log.Debug("User {User} recovered at sequence number {SequenceNr} ({Status})", address, LastSequenceNr, state.Status);
        if (settings.PassivateIdleAfter is { } idle)
        {
            Context.SetReceiveTimeout(idle);
        }

        ArmExpiry(afterExpireDue: false);
    }

    private void HandleCommand(IUserCommand command)
    {
        var now = clock.GetUtcNow();
        UserDecision decision;
        try
        {
            decision = decider.Decide(state, command, now);
        }
        catch (Exception e)
        {
            // Decide is pure: nothing changed, so answer and carry on rather than restart and replay.
            log.Error(e, "User {User}: deciding {Command} failed", address, command.GetType().Name);
            Reply(new Status.Failure(new UserEntityException(address, $"user {address} failed to handle {command.GetType().Name}: {e.Message}", isTransient: false, e)));
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

    private void Complete(UserDecision decision, IUserCommand command)
    {
        state = decision.ApplyTo(state);
        Reply(decision.Reply);
        if (decision.IsRejected)
        {
            log.Debug("User {User} refused {Command}: {Reply}", address, command.GetType().Name, decision.Reply);
        }

        CarryOut(decision.Effects);
        ArmExpiry(afterExpireDue: command is ExpireDue);
    }

    private void HandleQuery(IUserQuery query)
    {
        IUserReply reply;
        try
        {
            reply = decider.Query(state, query, clock.GetUtcNow());
        }
        catch (Exception e)
        {
            log.Error(e, "User {User}: answering {Query} failed", address, query.GetType().Name);
            Reply(new Status.Failure(new UserEntityException(address, $"user {address} failed to answer {query.GetType().Name}: {e.Message}", isTransient: false, e)));
            return;
        }

        Reply(reply);
    }

    /// <summary>Answers the current sender, unless there is none (the expiry timer sends without a sender).</summary>
    private void Reply(object reply)
    {
        var to = Sender;
        if (!to.Equals(Context.System.DeadLetters))
        {
            to.Tell(reply, Self);
        }
    }

    private void ArmExpiry(bool afterExpireDue)
    {
        if (state.NextDeadline() is not { } next)
        {
            Timers.Cancel(ExpiryTimer.Key);
            return;
        }

        var delay = next - clock.GetUtcNow();
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        if (afterExpireDue && delay == TimeSpan.Zero)
        {
            log.Warning("User {User}: ExpireDue left a deadline in the past ({Deadline}); retrying in {Retry}", address, next, StuckDeadlineRetry);
            delay = StuckDeadlineRetry;
        }

        Timers.StartSingleTimer(ExpiryTimer.Key, ExpireDue.Instance, delay);
    }

    private void MaybeSnapshot()
    {
        if (settings.SnapshotEvery is { } every && eventsSinceSnapshot >= every)
        {
            eventsSinceSnapshot = 0;
            SaveSnapshot(UserSnapshot.From(state));
        }
    }

    private void OnSnapshotSaved(SaveSnapshotSuccess saved)
    {
        log.Debug("User {User}: snapshot saved at sequence number {SequenceNr}", address, saved.Metadata.SequenceNr);
        if (saved.Metadata.SequenceNr > 1)
        {
            // Only the newest snapshot is ever loaded; events stay (the directory projection and audits read them).
            DeleteSnapshots(new SnapshotSelectionCriteria(maxSequenceNr: saved.Metadata.SequenceNr - 1));
        }
    }

    private void OnIdle()
    {
        if (state.NextDeadline() is { } next)
        {
            // Passivating would lose the expiry timer: stay until the last deadline has been handled.
            log.Verbose("User {User} is idle but keeps running until {Deadline}", address, next);
            return;
        }

        log.Debug("User {User} passivates after being idle", address);
        Context.SetReceiveTimeout(null);
        Context.Parent.Tell(new Passivate(StopUserEntity.Instance), Self);
    }

    /// <summary>The sender of the command whose events are being written, answered with a failure if they never are.</summary>
    private sealed record PendingCommand(IActorRef ReplyTo, string CommandType);

    /// <summary>Key of the keyed expiry timer.</summary>
    private sealed class ExpiryTimer
    {
        public static readonly ExpiryTimer Key = new();

        private ExpiryTimer()
        {
        }

        public override string ToString() => "expire-due";
    }
}
