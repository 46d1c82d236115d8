using System.Collections.Concurrent;
using Cluster.Actors.Users;

namespace Cluster.Actors.Tests.Users.Entity;

/// <summary>An edge that owns every endpoint of one node and records what it was given.</summary>
public sealed class RecordingSink(string nodeId) : IEdgeEffectSink
{
    public ConcurrentQueue<NotifyWatcher> Notifications { get; } = new();

    public ConcurrentQueue<(ChatMessage Message, DeliveryTarget Target)> Deliveries { get; } = new();

    public bool TryNotify(NotifyWatcher notify)
    {
        if (notify.Watcher.NodeId != nodeId)
        {
            return false;
        }

        Notifications.Enqueue(notify);
        return true;
    }

    public bool TryDeliver(ChatMessage message, DeliveryTarget target)
    {
        if (target.Edge.NodeId != nodeId)
        {
            return false;
        }

        Deliveries.Enqueue((message, target));
        return true;
    }
}
