namespace Cluster.Runtime.Remoting;

/// <summary>
/// Auto-reset wake-up for a single waiter (an association's writer loop). <see cref="Set"/> costs one volatile read
/// while the signal is already set, so senders pay almost nothing while the writer is busy; a signal set before the
/// waiter arrives is never lost.
/// </summary>
internal sealed class AsyncSignal
{
    private readonly object _gate = new();
    private int _set;
    private TaskCompletionSource? _waiter;

    public void Set()
    {
        if (Volatile.Read(ref _set) == 1) return;
        if (Interlocked.Exchange(ref _set, 1) == 1) return;
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            waiter = _waiter;
            _waiter = null;
        }
        waiter?.TrySetResult();
    }

    /// <summary>Completes when the signal is (or becomes) set, and resets it.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _set, 0) == 1) return Task.CompletedTask;
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (Interlocked.Exchange(ref _set, 0) == 1) return Task.CompletedTask;
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiter = waiter;
        }
        return cancellationToken.CanBeCanceled ? WaitAndReset(waiter.Task, cancellationToken) : WaitAndReset(waiter.Task);
    }

    private async Task WaitAndReset(Task task, CancellationToken cancellationToken = default)
    {
        await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _set, 0);
    }
}
