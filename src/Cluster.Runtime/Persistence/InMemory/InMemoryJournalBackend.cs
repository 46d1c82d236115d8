namespace Cluster.Runtime.Persistence.InMemory;

/// <summary>
/// Journal rows in process memory with the SQL plugins' semantics (unique (persistence id, sequence number),
/// monotonic ordering, highest row kept on delete), so tests of actors behave as in production. Several journal
/// instances may share one backend to simulate several nodes writing the same database.
/// </summary>
internal sealed class InMemoryJournalBackend : IJournalBackend
{
    private readonly object gate = new();
    private readonly Dictionary<string, SortedList<long, StoredEvent>> byPersistenceId = new(StringComparer.Ordinal);
    private readonly SortedList<long, StoredEvent> byOrdering = new();
    private readonly Dictionary<string, SortedSet<long>> byTag = new(StringComparer.Ordinal);
    private long lastOrdering;

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<long[]> WriteBatchAsync(IReadOnlyList<SerializedWrite> writes, JournalMetrics metrics, CancellationToken cancellationToken)
    {
        var conflicts = new long[writes.Count];
        lock (gate)
        {
            metrics.AddTransaction();
            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                byPersistenceId.TryGetValue(write.PersistenceId, out var rows);
                var taken = rows is null ? null : write.Events.FirstOrDefault(e => rows.ContainsKey(e.SequenceNr));
                if (taken is not null)
                {
                    conflicts[i] = taken.SequenceNr;
                    continue;
                }
                if (rows is null) byPersistenceId[write.PersistenceId] = rows = new SortedList<long, StoredEvent>();
                foreach (var e in write.Events)
                {
                    var row = e with { Ordering = ++lastOrdering };
                    rows.Add(row.SequenceNr, row);
                    byOrdering.Add(row.Ordering, row);
                    foreach (var tag in row.Tags)
                    {
                        if (!byTag.TryGetValue(tag, out var set)) byTag[tag] = set = new SortedSet<long>();
                        set.Add(row.Ordering);
                    }
                }
            }
        }
        return Task.FromResult(conflicts);
    }

    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, int limit,
        CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!byPersistenceId.TryGetValue(persistenceId, out var rows)) return Task.FromResult<IReadOnlyList<StoredEvent>>(Array.Empty<StoredEvent>());
            IReadOnlyList<StoredEvent> page = rows.Values
                .Where(r => r.SequenceNr >= fromSequenceNr && r.SequenceNr <= toSequenceNr && !r.Deleted)
                .Take(limit)
                .ToList();
            return Task.FromResult(page);
        }
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(byPersistenceId.TryGetValue(persistenceId, out var rows) && rows.Count > 0 ? rows.Keys[^1] : 0L);
        }
    }

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!byPersistenceId.TryGetValue(persistenceId, out var rows) || rows.Count == 0) return Task.CompletedTask;
            var highest = rows.Keys[^1];
            foreach (var row in rows.Values.Where(r => r.SequenceNr <= toSequenceNr).ToList())
            {
                foreach (var tag in row.Tags) byTag[tag].Remove(row.Ordering);
                if (row.SequenceNr == highest)
                {
                    var marked = row with { Deleted = true };
                    rows[highest] = marked;
                    byOrdering[row.Ordering] = marked;
                }
                else
                {
                    rows.Remove(row.SequenceNr);
                    byOrdering.Remove(row.Ordering);
                }
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredEvent>> ReadEventsByTagAsync(string tag, long afterOrdering, int limit, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!byTag.TryGetValue(tag, out var set)) return Task.FromResult<IReadOnlyList<StoredEvent>>(Array.Empty<StoredEvent>());
            IReadOnlyList<StoredEvent> page = set.GetViewBetween(afterOrdering + 1, long.MaxValue)
                .Select(o => byOrdering[o])
                .Where(r => !r.Deleted)
                .Take(limit)
                .ToList();
            return Task.FromResult(page);
        }
    }

    public Task<IReadOnlyList<string>> ReadPersistenceIdsAsync(string? after, int limit, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<string> page = byPersistenceId.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key)
                .Where(id => after is null || string.CompareOrdinal(id, after) > 0)
                .Order(StringComparer.Ordinal)
                .Take(limit)
                .ToList();
            return Task.FromResult(page);
        }
    }

    public Task<(IReadOnlyList<string> Ids, long MaxOrdering)> ReadPersistenceIdsSinceAsync(long afterOrdering, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var rows = byOrdering.Count == 0 || afterOrdering >= lastOrdering
                ? new List<StoredEvent>()
                : byOrdering.Values.Where(r => r.Ordering > afterOrdering).ToList();
            IReadOnlyList<string> ids = rows.Select(r => r.PersistenceId).Distinct(StringComparer.Ordinal).ToList();
            return Task.FromResult((ids, rows.Count == 0 ? afterOrdering : rows.Max(r => r.Ordering)));
        }
    }

    public Task<long> ReadMaxOrderingAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(byOrdering.Count == 0 ? 0L : byOrdering.Keys[^1]);
        }
    }

    public bool IsTransient(Exception exception) => false;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
