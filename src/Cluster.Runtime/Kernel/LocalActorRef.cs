namespace Cluster.Runtime.Kernel;

/// <summary>Reference to an actor of this process: a Tell goes straight into the cell's mailbox.</summary>
internal sealed class LocalActorRef(ActorCell cell, ActorPath path) : InternalActorRef
{
    internal ActorCell Cell { get; } = cell;

    public override ActorPath Path { get; } = path;
    public override bool IsTerminated => Cell.IsTerminated;
    public override bool IsLocal => true;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.Mailbox.Post(message, sender);
    }

    public override void SendSystemMessage(SystemMessage message) => Cell.Mailbox.PostSystem(message);
}
