namespace Cluster.Runtime.Kernel;

/// <summary>
/// The parent of the root guardian (Akka's "the one who walks the bubbles of space-time"): logs a failure of the
/// root and stops it, and completes the actor system's termination when the root reports that it stopped.
/// </summary>
internal sealed class BubbleWalker(ActorSystem system, ActorPath path) : InternalActorRef
{
    public override ActorPath Path { get; } = path;
    public override bool IsTerminated => false;
    public override bool IsLocal => true;

    public override void Tell(object message, IActorRef? sender) => system.DeadLetterRef.Deliver(message, sender, this);

    public override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Failed f:
                system.Log.Error(f.Cause, "The root guardian of {ActorSystem} failed; stopping the actor system", system.Name);
                f.Child.Stop();
                break;
            case DeathWatchNotification:
                system.OnRootTerminated();
                break;
        }
    }

    public override void Stop() { }
}
