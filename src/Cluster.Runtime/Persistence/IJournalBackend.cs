namespace Cluster.Runtime.Persistence;

/// <summary>
/// What a database must provide for the journal: store a batch of serialized writes in one transaction and read
/// rows back. <see cref="GroupCommitJournal"/> and <see cref="Query.ReadJournal"/> add queueing, serialization,
/// retries and paging on top, so every plugin shares the same semantics.
/// </summary>
internal interface IJournalBackend : IAsyncDisposable
{
    /// <summary>Creates tables and indexes if missing (idempotent, safe to run from several nodes at once).</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="writes"/> in as few transactions as possible, each write all-or-nothing. Returns per
    /// write 0 when stored, or the first sequence number already held by another writer (write not stored; the
    /// others are unaffected). Throws when the database failed; then nothing of the batch is stored.
    /// Only the journal's single writer loop calls this, never concurrently.
    /// </summary>
    Task<long[]> WriteBatchAsync(IReadOnlyList<SerializedWrite> writes, JournalMetrics metrics, CancellationToken cancellationToken);

    /// <summary>Not deleted events of one persistence id in [from, to], ascending, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, int limit,
        CancellationToken cancellationToken);

    /// <summary>Highest sequence number ever stored, deleted rows included; 0 when none.</summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes events up to <paramref name="toSequenceNr"/>; the highest stored row is kept, flagged deleted, so the
    /// highest sequence number survives.
    /// </summary>
    Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken);

    /// <summary>Not deleted events carrying <paramref name="tag"/> with ordering &gt; <paramref name="afterOrdering"/>, ascending.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadEventsByTagAsync(string tag, long afterOrdering, int limit, CancellationToken cancellationToken);

    /// <summary>Distinct persistence ids ordinally greater than <paramref name="after"/> (null = from the start), ascending.</summary>
    Task<IReadOnlyList<string>> ReadPersistenceIdsAsync(string? after, int limit, CancellationToken cancellationToken);

    /// <summary>Persistence ids with rows of ordering &gt; <paramref name="afterOrdering"/>, and the highest such ordering.</summary>
    Task<(IReadOnlyList<string> Ids, long MaxOrdering)> ReadPersistenceIdsSinceAsync(long afterOrdering, CancellationToken cancellationToken);

    /// <summary>The highest ordering stored, 0 when empty.</summary>
    Task<long> ReadMaxOrderingAsync(CancellationToken cancellationToken);

    /// <summary>True when retrying the same batch may succeed (connection lost, lock timeout, serialization failure).</summary>
    bool IsTransient(Exception exception);
}
