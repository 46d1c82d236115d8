namespace Cluster.Runtime.Kernel;

/// <summary>
/// What a path resolves to when nothing lives there: messages become dead letters addressed to that path,
/// <see cref="Identify"/> is answered with an empty identity and a watch with an immediate Terminated.
/// </summary>
internal sealed class EmptyLocalActorRef(ActorSystem system, ActorPath path) : InternalActorRef, IHasActorSystem
{
    public override ActorPath Path { get; } = path;
    public ActorSystem System => system;
    public override bool IsTerminated => true;
    public override bool IsLocal => true;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is Identify identify)
        {
            sender?.Tell(new ActorIdentity(identify.MessageId, null), this);
            return;
        }
        system.DeadLetterRef.Deliver(message, sender, this);
    }

    public override void SendSystemMessage(SystemMessage message) => ReplyTerminatedToWatch(message, existenceConfirmed: false);

    public override void Stop() { }
}
