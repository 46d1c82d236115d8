namespace Cluster.Runtime.Persistence;

/// <summary>
/// Wakes live queries of this process when the journal committed, so projections on the writing node see events
/// at once instead of after the next poll. Writes from other nodes are still found by polling.
/// </summary>
internal sealed class CommitSignal
{
    private TaskCompletionSource next = NewSource();

    /// <summary>A task completing at the next commit after this call.</summary>
    public Task NextCommit => Volatile.Read(ref next).Task;

    public void Notify() => Interlocked.Exchange(ref next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
