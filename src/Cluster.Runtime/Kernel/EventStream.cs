using System.Collections.Concurrent;

namespace Cluster.Runtime.Kernel;

/// <summary>
/// The system-wide publish/subscribe bus (Akka's EventStream): subscribers register for a type and receive every
/// published event assignable to it (subscribing to <see cref="object"/> receives everything). Used for dead letters,
/// unhandled messages and, later, cluster membership events. Stopped actors are unsubscribed automatically.
/// </summary>
public sealed class EventStream
{
    private readonly object gate = new();
    private volatile (Type Channel, IActorRef Subscriber)[] subscriptions = [];
    private readonly ConcurrentDictionary<Type, IActorRef[]> resolved = new();

    /// <summary>Subscribes; returns false if that subscriber already had that channel.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (gate)
        {
            var current = subscriptions;
            foreach (var (c, s) in current)
                if (c == channel && s.Equals(subscriber)) return false;
            subscriptions = [.. current, (channel, subscriber)];
            resolved.Clear();
        }
        if (subscriber is LocalActorRef local) local.Cell.MarkSubscribed();
        return true;
    }

    public bool Subscribe<T>(IActorRef subscriber) => Subscribe(subscriber, typeof(T));

    /// <summary>Removes one channel of a subscriber; returns false if it was not subscribed to it.</summary>
    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        return Remove(x => x.Channel == channel && x.Subscriber.Equals(subscriber));
    }

    /// <summary>Removes every channel of a subscriber.</summary>
    public bool Unsubscribe(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return Remove(x => x.Subscriber.Equals(subscriber));
    }

    private bool Remove(Func<(Type Channel, IActorRef Subscriber), bool> match)
    {
        lock (gate)
        {
            var current = subscriptions;
            var kept = current.Where(x => !match(x)).ToArray();
            if (kept.Length == current.Length) return false;
            subscriptions = kept;
            resolved.Clear();
            return true;
        }
    }

    /// <summary>Delivers <paramref name="event"/> to every subscriber of a channel it is assignable to.</summary>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var type = @event.GetType();
        if (!resolved.TryGetValue(type, out var targets))
        {
            var snapshot = subscriptions;
            targets = snapshot.Where(x => x.Channel.IsAssignableFrom(type)).Select(x => x.Subscriber).Distinct().ToArray();
            if (ReferenceEquals(snapshot, subscriptions)) resolved.TryAdd(type, targets);
        }
        foreach (var t in targets) t.Tell(@event, null);
    }
}
