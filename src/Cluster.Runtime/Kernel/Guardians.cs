namespace Cluster.Runtime.Kernel;

/// <summary>
/// <c>/user</c> and <c>/system</c>: parents of top-level actors. They handle no messages of their own; their job is
/// supervising (the /user strategy comes from settings) and stopping their subtree on termination.
/// </summary>
internal sealed class GuardianActor(SupervisorStrategy strategy) : ActorBase
{
    protected override bool Receive(object message) => false;

    protected override SupervisorStrategy SupervisorStrategy() => strategy;

    // A guardian is not restarted with its children stopped: keep them (Akka's guardians never restart anyway,
    // the root strategy stops them).
    protected override void PreRestart(Exception reason, object? message) { }
}
