namespace Cluster.Runtime.Kernel;

/// <summary>
/// Installed while an async handler runs so that its await continuations are posted back into the actor's mailbox
/// (as system messages) and run one at a time with <c>Self</c>, <c>Sender</c> and the implicit sender intact, like
/// Akka's ActorTaskScheduler. One instance per actor incarnation: continuations of a restarted incarnation are dropped.
/// </summary>
internal sealed class ActorSynchronizationContext(ActorCell cell, int incarnation) : SynchronizationContext
{
    public int Incarnation { get; } = incarnation;

    public override void Post(SendOrPostCallback d, object? state) =>
        cell.Mailbox.PostSystem(new RunContinuation(d, state, Incarnation));

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous Send into an actor's mailbox would deadlock; use Post (await).");

    public override SynchronizationContext CreateCopy() => this;
}
