using Serilog;

namespace Cluster.Runtime.Kernel;

/// <summary>
/// What an actor sees of the runtime while it runs (Akka's IActorContext). Valid only on the actor's own thread of
/// execution, including inside async handlers where it stays valid across awaits.
/// </summary>
public interface IActorContext : IActorRefFactory
{
    IActorRef Self { get; }

    /// <summary>Sender of the current message; dead letters when there is none.</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }
    ActorSystem System { get; }
    Props Props { get; }

    /// <summary>Logger enriched with the property <c>ActorPath</c>.</summary>
    ILogger Log { get; }

    /// <summary>The child with that name, or <see cref="ActorRefs.Nobody"/>.</summary>
    IActorRef Child(string name);

    IEnumerable<IActorRef> Children { get; }

    /// <summary>Delivers <see cref="Terminated"/> once when <paramref name="subject"/> stops (also if already dead).</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Like <see cref="Watch"/> but delivers <paramref name="message"/> instead of <see cref="Terminated"/>.</summary>
    IActorRef WatchWith(IActorRef subject, object message);

    /// <summary>Stops watching; a Terminated already queued is discarded.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Stops a child, or this actor when given <see cref="Self"/>; other actors are stopped too.</summary>
    void Stop(IActorRef actorRef);

    /// <summary>Replaces the current behaviour.</summary>
    void Become(Receive receive);

    /// <summary>Pushes a behaviour; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    void BecomeStacked(Receive receive);

    void UnbecomeStacked();

    /// <summary>Sends <see cref="Kernel.ReceiveTimeout"/> after this long without messages; null turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    TimeSpan? ReceiveTimeout { get; }

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> keeping the current sender.</summary>
    void Forward(IActorRef target, object message);
}
