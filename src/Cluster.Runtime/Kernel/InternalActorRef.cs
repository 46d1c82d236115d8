namespace Cluster.Runtime.Kernel;

/// <summary>
/// What the runtime needs from a reference beyond <see cref="IActorRef.Tell"/>: system messages (watch,
/// supervision, termination) and stopping. Kept internal so that only Cluster.Runtime (kernel, remoting) implements it.
/// </summary>
internal abstract class InternalActorRef : ActorRefBase
{
    /// <summary>Delivers a system message; an implementation that cannot must answer <see cref="Watch"/> with a
    /// <see cref="DeathWatchNotification"/> so that watchers are never left waiting.</summary>
    public abstract void SendSystemMessage(SystemMessage message);

    /// <summary>True once the referenced actor is known to be gone for good.</summary>
    public abstract bool IsTerminated { get; }

    /// <summary>True when the actor lives in this process.</summary>
    public abstract bool IsLocal { get; }

    public virtual void Stop() => SendSystemMessage(new Terminate());

    /// <summary>Answers a watch request on a reference that cannot (or can no longer) be watched.</summary>
    protected void ReplyTerminatedToWatch(SystemMessage message, bool existenceConfirmed)
    {
        if (message is Watch w && !w.Watcher.Equals(this))
            w.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed, addressTerminated: false));
    }
}
