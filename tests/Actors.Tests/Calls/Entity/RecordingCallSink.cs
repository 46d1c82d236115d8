using System.Collections.Concurrent;
using Cluster.Actors.Calls;
using Cluster.Actors.Calls.Entity;
using Cluster.TestSupport;

namespace Cluster.Actors.Tests.Calls.Entity;

/// <summary>A SIP edge that owns every leg of one node and records the effects it was given, in order.</summary>
public sealed class RecordingCallSink(string nodeId) : ICallEffectSink
{
    private readonly ConcurrentQueue<ICallEffect> taken = new();

    public IReadOnlyList<ICallEffect> Taken => [.. taken];

    public bool TryCarryOut(ICallEffect effect)
    {
        taken.Enqueue(effect);
        return true;
    }

    public string NodeId => nodeId;

    /// <summary>Waits until an effect of type <typeparamref name="T"/> matching <paramref name="match"/> was taken, and returns the latest.</summary>
    public async Task<T> Next<T>(Func<T, bool>? match = null, string? what = null) where T : ICallEffect
    {
        T? found = default;
        await Deadline.Until(() =>
        {
            found = taken.OfType<T>().LastOrDefault(e => match?.Invoke(e) ?? true);
            return found is not null;
        }, what ?? $"the call to send {typeof(T).Name}");
        return found!;
    }
}
