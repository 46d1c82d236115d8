using Cluster.Runtime.Persistence;
using Cluster.Runtime.Persistence.InMemory;

namespace Cluster.Runtime.Tests.Persistence;

/// <summary>Thrown by <see cref="FaultyJournalBackend"/>; classified transient or not as configured.</summary>
public sealed class SimulatedDatabaseException(string message) : Exception(message);

/// <summary>
/// In-memory backend that fails the first <see cref="FailuresLeft"/> batches, and can hold a batch until released,
/// so the journal's retry and batching logic can be driven deterministically.
/// </summary>
internal sealed class FaultyJournalBackend : IJournalBackend
{
    private readonly InMemoryJournalBackend inner = new();
    private TaskCompletionSource? gate;

    public int FailuresLeft { get; set; }

    public bool FailuresAreTransient { get; set; } = true;

    public int BatchCalls { get; private set; }

    public List<int> BatchSizes { get; } = new();

    /// <summary>Completes when a batch reached the backend while the gate was closed.</summary>
    public TaskCompletionSource BatchArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void CloseGate() => gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void OpenGate() => gate?.TrySetResult();

    public async Task<long[]> WriteBatchAsync(IReadOnlyList<SerializedWrite> writes, JournalMetrics metrics, CancellationToken cancellationToken)
    {
        BatchCalls++;
        BatchSizes.Add(writes.Count);
        if (gate is { } g)
        {
            BatchArrived.TrySetResult();
            await g.Task;
            gate = null;
        }
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            metrics.AddTransaction();
            throw new SimulatedDatabaseException("database unreachable (simulated)");
        }
        return await inner.WriteBatchAsync(writes, metrics, cancellationToken);
    }

    public bool IsTransient(Exception exception) => exception is SimulatedDatabaseException && FailuresAreTransient;

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, int limit, CancellationToken cancellationToken) =>
        inner.ReadEventsAsync(persistenceId, fromSequenceNr, toSequenceNr, limit, cancellationToken);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken) =>
        inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken) =>
        inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadEventsByTagAsync(string tag, long afterOrdering, int limit, CancellationToken cancellationToken) =>
        inner.ReadEventsByTagAsync(tag, afterOrdering, limit, cancellationToken);

    public Task<IReadOnlyList<string>> ReadPersistenceIdsAsync(string? after, int limit, CancellationToken cancellationToken) =>
        inner.ReadPersistenceIdsAsync(after, limit, cancellationToken);

    public Task<(IReadOnlyList<string> Ids, long MaxOrdering)> ReadPersistenceIdsSinceAsync(long afterOrdering, CancellationToken cancellationToken) =>
        inner.ReadPersistenceIdsSinceAsync(afterOrdering, cancellationToken);

    public Task<long> ReadMaxOrderingAsync(CancellationToken cancellationToken) => inner.ReadMaxOrderingAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
