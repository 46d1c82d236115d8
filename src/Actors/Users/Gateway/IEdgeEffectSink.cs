using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>
/// The receiving end of a user entity's effects on one node: presence NOTIFYs for watchers and chat messages for
/// devices whose connections this node's edges hold (<see cref="Common.EdgeEndpoint.NodeId"/>). Each edge (SIP, web)
/// implements it for the endpoints it owns and ignores the others.
/// </summary>
public interface IEdgeEffectSink
{
    /// <summary>Presence changed (or the subscription ended) for a watcher; true when this edge owns the watcher's endpoint.</summary>
    bool TryNotify(NotifyWatcher notify);

    /// <summary>A chat message for one device; true when this edge owns the device's endpoint.</summary>
    bool TryDeliver(ChatMessage message, DeliveryTarget target);

    /// <summary>
    /// A notice for one of the user's own sessions (<see cref="NotifySessions"/>); true when this edge owns it. Edges
    /// without sessions (SIP) keep the default, which takes nothing.
    /// </summary>
    bool TryInform(EdgeEndpoint session, UserNotice notice) => false;
}
