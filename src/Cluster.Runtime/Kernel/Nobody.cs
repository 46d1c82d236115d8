namespace Cluster.Runtime.Kernel;

/// <summary>
/// The reference returned where no actor exists (e.g. <c>Context.Child("missing")</c>). It belongs to no system;
/// a message told to it is routed to the dead letters of the system the sender belongs to, when that is known.
/// Watching it yields <see cref="Terminated"/> right away.
/// </summary>
internal sealed class Nobody : InternalActorRef
{
    public static readonly Nobody Instance = new();

    private static readonly ActorPath NobodyPath = ActorPath.RootOf(Address.Local("all-systems")) / "Nobody";

    private Nobody() { }

    public override ActorPath Path => NobodyPath;
    public override bool IsTerminated => true;
    public override bool IsLocal => true;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var system = (sender as LocalActorRef)?.Cell.System ?? ActorCell.Current?.System;
        system?.DeadLetterRef.Deliver(message, sender, this);
    }

    public override void SendSystemMessage(SystemMessage message) => ReplyTerminatedToWatch(message, existenceConfirmed: false);
}
