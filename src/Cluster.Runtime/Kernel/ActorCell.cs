using Serilog;

namespace Cluster.Runtime.Kernel;

/// <summary>
/// The runtime side of one actor: its mailbox, its current instance, behaviour stack, children and lifecycle.
/// Everything except the children map and the flags read by <c>ActorOf</c> is touched only by the thread currently
/// running the mailbox, so no locks are needed there. Internal, but usable by persistence, sharding and remoting
/// inside Cluster.Runtime (RunTask, stash, Watch, ActorOf).
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [Flags]
    private enum CellFlags
    {
        None = 0,
        Suspended = 1,
        Awaiting = 2,
        Terminating = 4,
        Terminated = 8,
        Subscribed = 16,
    }

    private const CellFlags BlocksUserMessages = CellFlags.Suspended | CellFlags.Awaiting | CellFlags.Terminating | CellFlags.Terminated;

    [ThreadStatic] private static ActorCell? current;
    [ThreadStatic] private static ActorCell? constructing;

    private readonly ActorSystem system;
    private readonly Props props;
    private readonly LocalActorRef self;
    private readonly InternalActorRef parent;
    private readonly Mailbox mailbox;
    private ActorBase? actor;
    private object? currentMessage;
    private IActorRef? currentSender;
    private List<Receive>? behaviors;
    private Dictionary<string, InternalActorRef>? children;   // guarded by lock(this)
    private CellExtras? extras;
    private CellFlags flags;
    private int incarnation;

    public ActorCell(ActorSystem system, Props props, ActorPath path, InternalActorRef parent)
    {
        this.system = system;
        this.props = props;
        this.parent = parent;
        self = new LocalActorRef(this, path);
        mailbox = new Mailbox(this, system.Settings.Throughput);
    }

    /// <summary>The cell whose mailbox the current thread is running (for the implicit sender of Tell).</summary>
    internal static ActorCell? Current => current;

    /// <summary>Hands the cell under construction to the <see cref="ActorBase"/> constructor, once.</summary>
    internal static ActorCell? TakeConstructing()
    {
        var c = constructing;
        constructing = null;
        return c;
    }

    internal Mailbox Mailbox => mailbox;
    internal ActorBase? Actor => actor;
    internal LocalActorRef SelfRef => self;
    internal InternalActorRef ParentRef => parent;
    internal bool IsTerminated => mailbox.IsClosed;
    internal bool IsTerminatingOrTerminated => (flags & (CellFlags.Terminating | CellFlags.Terminated)) != 0;
    internal bool CanProcessUserMessages => (flags & BlocksUserMessages) == 0 && actor is not null;
    internal object? CurrentMessage => currentMessage;

    private CellExtras Extras => extras ??= new CellExtras();

    public IActorRef Self => self;
    public IActorRef Sender => currentSender ?? system.DeadLetters;
    public IActorRef Parent => parent;
    public ActorSystem System => system;
    public Props Props => props;

    public ILogger Log
    {
        get
        {
            var ex = Extras;
            // SourceContext is the actor's class, so that per-namespace levels (uc.log.levels, `uc log level`) apply to actors.
            return ex.Log ??= CreateLog();

        }
    }

    private ILogger CreateLog()
    {
        var log = system.Settings.Logger
            .ForContext(Serilog.Core.Constants.SourceContextPropertyName, actor?.GetType().FullName ?? props.ActorType.FullName ?? "Cluster.Runtime.Kernel.Actor")
            .ForContext("ActorPath", self.Path.ToString());
        foreach (var (name, value) in props.LogProperties)
        {
            log = log.ForContext(name, value);
        }
        return log;
    }

    /// <summary>Sends the Create system message: the instance is built on the mailbox's thread.</summary>
    internal void Start() => mailbox.PostSystem(new Create());

    internal void SendMessage(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        mailbox.Post(message, sender);
    }

    internal void SendSystemMessage(SystemMessage message) => mailbox.PostSystem(message);

    /// <summary>Runs one user message through auto-receive handling and the current behaviour.</summary>
    internal void Invoke(object message, IActorRef? sender)
    {
        var previous = current;
        current = this;
        currentMessage = message;
        currentSender = sender;
        try
        {
            if (message is IAutoReceivedMessage) AutoReceive(message);
            else ReceiveMessage(message);
            if (extras?.ReceiveTimeout is not null && message is not INotInfluenceReceiveTimeout) RescheduleReceiveTimeout();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            current = previous;
            if ((flags & CellFlags.Awaiting) == 0)
            {
                currentMessage = null;
                currentSender = null;
            }
        }
    }

    private void ReceiveMessage(object message)
    {
        var a = actor!;
        var handled = a.AroundReceive(behaviors is { Count: > 0 } b ? b[^1] : null, message);
        if (!handled) a.UnhandledInternal(message);
    }

    private void AutoReceive(object message)
    {
        switch (message)
        {
            case WatchedTerminated t:
                ReceivedTerminated(t.Terminated);
                break;
            case PoisonPill:
                self.Stop();
                break;
            case Kill:
                throw new ActorKilledException("Kill");
            case Identify identify:
                Sender.Tell(new ActorIdentity(identify.MessageId, self), self);
                break;
            case TimerMessage tick:
                var payload = extras?.Timers?.Accept(tick);
                if (payload is null) return;
                currentMessage = payload;
                if (payload is IAutoReceivedMessage) AutoReceive(payload);
                else ReceiveMessage(payload);
                break;
            case ReceiveTimeoutTick tick:
                if (!IsCurrentReceiveTimeout(tick)) return;
                currentMessage = Kernel.ReceiveTimeout.Instance;
                ReceiveMessage(Kernel.ReceiveTimeout.Instance);
                RescheduleReceiveTimeout();
                break;
            default:
                ReceiveMessage(message);
                break;
        }
    }

    /// <summary>
    /// Replaces the sender seen by <c>Sender</c> and returns the previous one (persistence runs an event handler with
    /// the sender of the command that persisted the event). Mailbox thread only.
    /// </summary>
    internal IActorRef? ExchangeSender(IActorRef? sender)
    {
        var previous = currentSender;
        currentSender = sender;
        return previous;
    }

    /// <summary>Runs one system message (mailbox thread).</summary>
    internal void SystemInvoke(SystemMessage message)
    {
        var previous = current;
        current = this;
        try
        {
            switch (message)
            {
                case Create: CreateActor(); break;
                case Terminate: HandleTerminate(); break;
                case Recreate r: HandleRecreate(r.Cause); break;
                case Suspend: HandleSuspend(); break;
                case Resume r: HandleResume(r.CausedByFailure); break;
                case Failed f: HandleFailed(f); break;
                case Watch w: AddWatcher(w.Watchee, w.Watcher); break;
                case Unwatch u: RemoveWatcher(u.Watchee, u.Watcher); break;
                case DeathWatchNotification d: HandleDeathWatchNotification(d); break;
                case AsyncTaskCompleted a: HandleAsyncTaskCompleted(a); break;
                case RunContinuation c: HandleRunContinuation(c); break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            current = previous;
        }
    }

    /// <summary>A system message reached a closed mailbox: answer watchers, ignore the rest.</summary>
    internal void SystemMessageAfterClose(SystemMessage message)
    {
        if (message is Watch w && w.Watchee.Equals(self) && !w.Watcher.Equals(self))
            w.Watcher.SendSystemMessage(new DeathWatchNotification(self, existenceConfirmed: true, addressTerminated: false));
    }

    /// <summary>A user message that can no longer be delivered to this actor.</summary>
    internal void DeadLetter(object message, IActorRef? sender)
    {
        // Internal ticks are cancelled with the actor, and dead letters about dead letters would loop.
        if (message is TimerMessage or ReceiveTimeoutTick or WatchedTerminated or AllDeadLetters) return;
        system.DeadLetterRef.Deliver(message, sender, self);
    }

    internal void LogInternalError(Exception e) =>
        system.Log.Error(e, "Internal error while running the mailbox of {ActorPath}", self.Path.ToString());

    // ---- behaviours -------------------------------------------------------------------------------------------

    public void Become(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        var b = EnsureBehaviors();
        b[^1] = receive;
    }

    public void BecomeStacked(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        EnsureBehaviors().Add(receive);
    }

    public void UnbecomeStacked()
    {
        if (behaviors is { Count: > 1 }) behaviors.RemoveAt(behaviors.Count - 1);
    }

    private List<Receive> EnsureBehaviors()
    {
        if (behaviors is null)
        {
            var a = actor ?? throw new InvalidOperationException("Become is only valid inside a running actor.");
            behaviors = new List<Receive>(2) { a.ReceiveInternal };
        }
        return behaviors;
    }

    public void Forward(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, currentSender);
    }

    public ActorSelection ActorSelection(string path) => Kernel.ActorSelection.Create(system, self, path);

    public override string ToString() => $"ActorCell({self.Path})";
}
