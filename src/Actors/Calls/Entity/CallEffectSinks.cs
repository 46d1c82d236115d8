namespace Cluster.Actors.Calls.Entity;

/// <summary>
/// The <see cref="ICallEffectSink"/>s of this node (the SIP edge, the push edge), registered at start-up and read by the
/// node's <see cref="CallEffectRouter"/>. Copy-on-write, so a sink is in effect as soon as <see cref="Register"/>
/// returns, before its edge opens sockets.
/// </summary>
public sealed class CallEffectSinks
{
    private readonly object gate = new();
    private volatile ICallEffectSink[] sinks = [];
    private long delivered;
    private long unclaimed;

    /// <summary>The sinks in registration order; each effect is offered to them in this order until one takes it.</summary>
    public IReadOnlyList<ICallEffectSink> All => sinks;

    /// <summary>Effects some sink took.</summary>
    public long Delivered => Interlocked.Read(ref delivered);

    /// <summary>Effects no sink took (the flow is gone, or no edge here handles that kind of effect).</summary>
    public long Unclaimed => Interlocked.Read(ref unclaimed);

    /// <summary>Adds a sink; returns a handle that removes it again.</summary>
    public IDisposable Register(ICallEffectSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (gate)
        {
            sinks = [.. sinks, sink];
        }

        return new Registration(this, sink);
    }

    private void Remove(ICallEffectSink sink)
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

    private sealed class Registration(CallEffectSinks owner, ICallEffectSink sink) : IDisposable
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
