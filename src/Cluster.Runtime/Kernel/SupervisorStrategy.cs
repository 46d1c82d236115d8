namespace Cluster.Runtime.Kernel;

/// <summary>
/// How a parent reacts to a child's failure: a decider maps the exception to a <see cref="Directive"/>, and the
/// strategy applies it to the failed child only (<see cref="OneForOneStrategy"/>) or to all children
/// (<see cref="AllForOneStrategy"/>). A restart beyond <see cref="MaxNumberOfRetries"/> within
/// <see cref="WithinTimeRange"/> stops the child instead. Failures are logged by the supervisor.
/// </summary>
public abstract class SupervisorStrategy
{
    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled)
    {
        ArgumentNullException.ThrowIfNull(decider);
        if (withinTimeRange is { } w && w <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(withinTimeRange), w, "The restart window must be positive, or null for none.");
        MaxNumberOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
        LoggingEnabled = loggingEnabled;
    }

    /// <summary>Restarts allowed (negative = unlimited, 0 = never restart: stop instead).</summary>
    public int MaxNumberOfRetries { get; }

    /// <summary>The window in which <see cref="MaxNumberOfRetries"/> applies; null = over the child's lifetime.</summary>
    public TimeSpan? WithinTimeRange { get; }

    public Func<Exception, Directive> Decider { get; }
    public bool LoggingEnabled { get; }

    /// <summary>Akka's default decider: stop on initialization failure, Kill and death pacts, restart otherwise.</summary>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>One-for-one, unlimited restarts, default decider.</summary>
    public static readonly SupervisorStrategy DefaultStrategy = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops any failing child.</summary>
    public static readonly SupervisorStrategy StoppingStrategy = new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>Applies the strategy; false means Escalate (the supervisor fails with <paramref name="cause"/>).</summary>
    internal bool HandleFailure(ActorCell supervisor, InternalActorRef child, Exception cause)
    {
        Directive directive;
        try
        {
            directive = Decider(cause);
        }
        catch (Exception e)
        {
            supervisor.Log.Error(e, "Supervisor decider of {ActorPath} threw; escalating", supervisor.SelfRef.Path.ToString());
            directive = Directive.Escalate;
        }
        LogFailure(supervisor, child, cause, directive);
        switch (directive)
        {
            case Directive.Resume:
                child.SendSystemMessage(new Resume(cause));
                return true;
            case Directive.Restart:
                ProcessFailure(supervisor, restart: true, child, cause);
                return true;
            case Directive.Stop:
                ProcessFailure(supervisor, restart: false, child, cause);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Restarts or stops the failed child (and, for all-for-one, its siblings).</summary>
    private protected abstract void ProcessFailure(ActorCell supervisor, bool restart, InternalActorRef child, Exception cause);

    private protected bool RequestRestartPermission(ActorCell supervisor, IActorRef child) =>
        supervisor.GetRestartStats(child).RequestRestartPermission(MaxNumberOfRetries, WithinTimeRange, supervisor.System.Settings.TimeProvider);

    private protected static void RestartChild(InternalActorRef child, Exception cause) =>
        child.SendSystemMessage(new Recreate(cause));

    private protected static void LogRestartLimit(ActorCell supervisor, IActorRef child, int maxNrOfRetries, TimeSpan? window) =>
        supervisor.Log.Error("Child {Child} exceeded {MaxRetries} restarts within {Window}; stopping it",
            child.Path.ToString(), maxNrOfRetries, window?.ToString() ?? "its lifetime");

    private void LogFailure(ActorCell supervisor, IActorRef child, Exception cause, Directive directive)
    {
        if (!LoggingEnabled || directive == Directive.Escalate) return;   // the next supervisor logs an escalation
        if (directive == Directive.Resume)
            supervisor.Log.Warning(cause, "Child {Child} failed: {Reason}; resuming", child.Path.ToString(), cause.Message);
        else
            supervisor.Log.Error(cause, "Child {Child} failed: {Reason}; directive {Directive}", child.Path.ToString(), cause.Message, directive);
    }
}
