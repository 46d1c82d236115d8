namespace Cluster.Actors.Common;

/// <summary>
/// The sinks of one kind of entity effect on this node (the SIP and web edges for user effects, the SIP edge for call
/// effects), registered at start-up and read by that kind's router actor. A copy-on-write list rather than a message to
/// the router, so a sink is in effect as soon as <see cref="Register"/> returns, before its edge opens sockets.
/// </summary>
public sealed class EffectSinks<TSink>
    where TSink : class
{
    private readonly object gate = new();
    private volatile TSink[] sinks = [];
    private long delivered;
    private long unclaimed;

    /// <summary>The sinks in registration order; each effect is offered to them in this order until one takes it.</summary>
    public IReadOnlyList<TSink> All => sinks;

    /// <summary>Effects (one per target) some sink took.</summary>
    public long Delivered => Interlocked.Read(ref delivered);

    /// <summary>Effects (one per target) no sink took: the flow or session is gone, or its edge has no sink here.</summary>
    public long Unclaimed => Interlocked.Read(ref unclaimed);

    /// <summary>Adds a sink; returns a handle that removes it again (an edge that stops).</summary>
    public IDisposable Register(TSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (gate)
        {
            sinks = [.. sinks, sink];
        }

        return new Registration(this, sink);
    }

    private void Remove(TSink sink)
    {
        lock (gate)
        {
            var index = Array.IndexOf(sinks, sink);
            if (index >= 0)
            {
                sinks = [.. sinks[..index], .. sinks[(index + 1)..]];
            }
        }
    }

    internal void CountDelivered() => Interlocked.Increment(ref delivered);

    internal void CountUnclaimed() => Interlocked.Increment(ref unclaimed);

    private sealed class Registration(EffectSinks<TSink> owner, TSink sink) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Remove(sink);
            }
        }
    }
}
