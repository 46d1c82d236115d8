namespace Cluster.Runtime.Kernel;

/// <summary>
/// Applies Restart or Stop to every child when one fails: for children that only make sense together. Resume
/// affects the failed child only, as in Akka.
/// </summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled) { }

    public AllForOneStrategy(Func<Exception, Directive> decider) : this(-1, null, decider) { }

    private protected override void ProcessFailure(ActorCell supervisor, bool restart, InternalActorRef child, Exception cause)
    {
        var all = supervisor.ChildrenSnapshot();
        if (restart)
        {
            var permitted = true;
            foreach (var c in all)
                permitted &= RequestRestartPermission(supervisor, c);
            if (permitted)
            {
                foreach (var c in all) RestartChild(c, cause);
                return;
            }
            LogRestartLimit(supervisor, child, MaxNumberOfRetries, WithinTimeRange);
        }
        foreach (var c in all) supervisor.StopChild(c);
    }
}
