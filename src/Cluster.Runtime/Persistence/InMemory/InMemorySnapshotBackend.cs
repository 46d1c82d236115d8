namespace Cluster.Runtime.Persistence.InMemory;

/// <summary>Snapshots in process memory, for tests; same selection semantics as the SQL plugins.</summary>
internal sealed class InMemorySnapshotBackend : ISnapshotBackend
{
    private readonly object gate = new();
    private readonly Dictionary<string, SortedList<long, StoredSnapshot>> rows = new(StringComparer.Ordinal);

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<StoredSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var found = rows.TryGetValue(persistenceId, out var list)
                ? list.Values.LastOrDefault(s => criteria.Matches(s.SequenceNr, s.CreatedMs))
                : null;
            return Task.FromResult(found);
        }
    }

    public Task SaveAsync(StoredSnapshot snapshot, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!rows.TryGetValue(snapshot.PersistenceId, out var list)) rows[snapshot.PersistenceId] = list = new SortedList<long, StoredSnapshot>();
            list[snapshot.SequenceNr] = snapshot;
        }
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string persistenceId, long sequenceNr, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (rows.TryGetValue(persistenceId, out var list)) list.Remove(sequenceNr);
        }
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!rows.TryGetValue(persistenceId, out var list)) return Task.CompletedTask;
            foreach (var s in list.Values.Where(s => criteria.Matches(s.SequenceNr, s.CreatedMs)).ToList()) list.Remove(s.SequenceNr);
        }
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
