namespace Cluster.Runtime.Persistence;

/// <summary>
/// The event journal under <c>PersistentActor</c>. Thread-safe: every actor calls it directly and concurrently;
/// writes of all callers are group-committed (many actors' events in one database transaction), so an actor should
/// await one call at a time and never needs to batch across actors itself.
/// </summary>
public interface IJournal : IAsyncDisposable
{
    /// <summary>
    /// Stores each <see cref="AtomicWrite"/> all-or-nothing and answers one <see cref="WriteResult"/> per write, in
    /// order. Never throws for a single write's failure: a serialization error is <see cref="WriteOutcome.Rejected"/>
    /// (not stored), a database failure or a <see cref="JournalConflictException"/> is
    /// <see cref="WriteOutcome.Failed"/>. The writes of one call are committed in the same transaction.
    /// </summary>
    /// <param name="writes">The atomic writes, typically one per calling actor.</param>
    /// <param name="cancellationToken">Only cancels waiting for room in the write queue; once queued, a write completes.</param>
    Task<IReadOnlyList<WriteResult>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls <paramref name="onReplayed"/> for each stored, not deleted event of <paramref name="persistenceId"/> with
    /// <paramref name="fromSequenceNr"/> &lt;= sequence number &lt;= <paramref name="toSequenceNr"/>, in order, at
    /// most <paramref name="max"/> of them. Throws <see cref="Serialization.UnknownManifestException"/> when a stored
    /// event cannot be mapped to a type.
    /// </summary>
    Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<PersistentRepresentation> onReplayed, CancellationToken cancellationToken = default);

    /// <summary>
    /// The highest sequence number ever stored for <paramref name="persistenceId"/>, 0 if none. Deletion never makes
    /// it go backwards. <paramref name="fromSequenceNr"/> is a hint (the caller's known lower bound).
    /// </summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr = 0, CancellationToken cancellationToken = default);

    /// <summary>Deletes the events up to and including <paramref name="toSequenceNr"/>; they are never replayed again.</summary>
    Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);
}
