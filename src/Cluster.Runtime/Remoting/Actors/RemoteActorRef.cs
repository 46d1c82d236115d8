using System.Globalization;
using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// A reference to an actor on another node. <see cref="Tell"/> serializes the message (registered manifest + JSON)
/// and queues it on the transport's association with that node; system messages (watch, unwatch, death-watch
/// notifications, stop) travel on the transport's priority queue. Like Akka's RemoteActorRef it never knows whether
/// the actor is alive: <see cref="IsTerminated"/> stays false and death watch reports a stop.
/// </summary>
internal sealed class RemoteActorRef : InternalActorRef, IHasActorSystem
{
    private readonly RemoteActorRefProvider provider;

    public RemoteActorRef(RemoteActorRefProvider provider, ActorPath path, NodeAddress node)
    {
        this.provider = provider;
        Path = path;
        Node = node;
        var relative = path.ToStringWithoutAddress();
        WirePath = path.Uid == ActorPath.UndefinedUid ? relative : relative + "#" + path.Uid.ToString(CultureInfo.InvariantCulture);
    }

    public override ActorPath Path { get; }

    /// <summary>The node the actor lives on, as the transport knows it.</summary>
    public NodeAddress Node { get; }

    /// <summary>The recipient string written in frames: the path below the address, with the uid (<c>/user/a#12</c>).</summary>
    public string WirePath { get; }

    public ActorSystem System => provider.System;
    public override bool IsTerminated => false;
    public override bool IsLocal => false;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        provider.SendUserMessage(this, message, sender);
    }

    public override void SendSystemMessage(SystemMessage message) => provider.SendSystemMessage(this, message);
}
