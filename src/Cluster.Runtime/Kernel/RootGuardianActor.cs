namespace Cluster.Runtime.Kernel;

/// <summary>
/// The root <c>/</c>: stops the guardians in order on termination (first /user, then /system, then itself), and
/// stops a guardian that fails. Its own parent is the <see cref="BubbleWalker"/>, which completes the system's
/// termination when the root is gone.
/// </summary>
internal sealed class RootGuardianActor : ActorBase
{
    /// <summary>Sent by the provider once the guardians exist.</summary>
    internal sealed record WatchGuardians(IActorRef User, IActorRef System);

    /// <summary>Starts the ordered stop of the hierarchy.</summary>
    internal sealed class StopHierarchy
    {
        public static readonly StopHierarchy Instance = new();
    }

    private IActorRef? user;
    private IActorRef? system;
    private bool userStopped;
    private bool stopRequested;

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case WatchGuardians w:
                user = Context.Watch(w.User);
                system = Context.Watch(w.System);
                if (stopRequested) Context.Stop(user);
                return true;
            case StopHierarchy:
                stopRequested = true;
                if (userStopped) StopSystemGuardian();
                else if (user is not null) Context.Stop(user);
                return true;
            case Terminated t when t.ActorRef.Equals(user):
                userStopped = true;
                StopSystemGuardian();
                return true;
            case Terminated t when t.ActorRef.Equals(system):
                Context.Stop(Self);
                return true;
            default:
                return false;
        }
    }

    private void StopSystemGuardian()
    {
        if (system is not null) Context.Stop(system);
        else Context.Stop(Self);
    }

    protected override SupervisorStrategy SupervisorStrategy() => Kernel.SupervisorStrategy.StoppingStrategy;

    protected override void PreRestart(Exception reason, object? message) { }
}
