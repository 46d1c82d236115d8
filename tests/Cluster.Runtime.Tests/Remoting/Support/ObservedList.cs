using System.Diagnostics;

namespace Cluster.Runtime.Tests.Remoting.Support;

/// <summary>
/// A list that tests wait on: every <see cref="Add"/> re-checks the pending conditions, so a test awaits exactly the
/// state it needs (with a deadline and a message saying what was expected) instead of sleeping.
/// </summary>
public sealed class ObservedList<T>
{
    private readonly object _gate = new();
    private readonly List<T> _items = [];
    private readonly List<(Func<IReadOnlyList<T>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public void Add(T item)
    {
        List<TaskCompletionSource> ready = [];
        lock (_gate)
        {
            _items.Add(item);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (!_waiters[i].Condition(_items)) continue;
                ready.Add(_waiters[i].Done);
                _waiters.RemoveAt(i);
            }
        }
        foreach (var done in ready) done.TrySetResult();
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate) return _items.ToList();
    }

    public int Count
    {
        get { lock (_gate) return _items.Count; }
    }

    public async Task WaitUntilAsync(Func<IReadOnlyList<T>, bool> condition, TimeSpan timeout, string expectation)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(_items)) return;
            _waiters.Add((condition, done));
        }
        try
        {
            await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            lock (_gate) _waiters.RemoveAll(w => w.Done == done);
            throw new TimeoutException($"Timed out after {timeout} waiting for {expectation}; have {Count} items: "
                + string.Join(" | ", Snapshot().TakeLast(10)));
        }
    }

    public async Task<TItem> WaitForAsync<TItem>(Func<TItem, bool> match, TimeSpan timeout, string expectation) where TItem : T
    {
        await WaitUntilAsync(items => items.OfType<TItem>().Any(match), timeout, expectation);
        return Snapshot().OfType<TItem>().First(match);
    }
}

/// <summary>Waits for a gauge or counter that has no event of its own, polling it until a deadline.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string expectation)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout) throw new TimeoutException($"Timed out after {timeout} waiting until {expectation}.");
            await Task.Yield();
            await Task.Delay(2);
        }
    }
}
