namespace Cluster.Runtime.Kernel;

/// <summary>
/// A handle to an actor that may live in this process or (later, through remoting) on another node. It is the only
/// way to talk to an actor: messages are sent with <see cref="Tell"/> and never block the sender. Two references are
/// equal when they name the same path and the same incarnation (uid), as in Akka.
/// </summary>
public interface IActorRef : IEquatable<IActorRef>
{
    ActorPath Path { get; }

    /// <summary>
    /// Sends <paramref name="message"/> fire-and-forget. <paramref name="sender"/> becomes the recipient's
    /// <c>Sender</c>; pass <see cref="ActorRefs.NoSender"/> when there is nobody to answer. Inside an actor the
    /// one-argument <c>Tell(message)</c> extension fills in <c>Self</c>.
    /// </summary>
    void Tell(object message, IActorRef? sender);
}
