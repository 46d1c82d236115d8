namespace Cluster.Runtime.Kernel;

/// <summary>Applies the directive to the failed child only (the usual choice; Akka's default).</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled) { }

    /// <summary>Unlimited restarts with <paramref name="decider"/>.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider) : this(-1, null, decider) { }

    private protected override void ProcessFailure(ActorCell supervisor, bool restart, InternalActorRef child, Exception cause)
    {
        if (restart && RequestRestartPermission(supervisor, child))
        {
            RestartChild(child, cause);
            return;
        }
        if (restart) LogRestartLimit(supervisor, child, MaxNumberOfRetries, WithinTimeRange);
        supervisor.StopChild(child);
    }
}
