namespace Cluster.Runtime.Persistence.Query;

/// <summary>
/// Queries over the journal for projections and read models (Akka.Persistence.Query). <c>Current*</c> queries end
/// when they have returned what was stored when they ran; the live variants keep polling (every
/// <c>uc.persistence.query.refresh-interval</c>, and at once after a local commit) until cancelled.
/// </summary>
/// <remarks>
/// Offsets are the journal's <c>ordering</c> column and are exclusive: pass the offset of the last envelope a
/// projection handled (0 to start) and it gets the events after it. Deleted events are never returned.
/// </remarks>
public interface IReadJournal
{
    IAsyncEnumerable<EventEnvelope> CurrentEventsByPersistenceId(string persistenceId, long fromSequenceNr = 1,
        long toSequenceNr = long.MaxValue, CancellationToken cancellationToken = default);

    IAsyncEnumerable<EventEnvelope> EventsByPersistenceId(string persistenceId, long fromSequenceNr = 1,
        long toSequenceNr = long.MaxValue, CancellationToken cancellationToken = default);

    IAsyncEnumerable<EventEnvelope> CurrentEventsByTag(string tag, long offset = 0, CancellationToken cancellationToken = default);

    IAsyncEnumerable<EventEnvelope> EventsByTag(string tag, long offset = 0, CancellationToken cancellationToken = default);

    /// <summary>Every persistence id that has stored events, in ordinal order, each once.</summary>
    IAsyncEnumerable<string> CurrentPersistenceIds(CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="CurrentPersistenceIds"/>, then each new persistence id as it appears.</summary>
    IAsyncEnumerable<string> AllPersistenceIds(CancellationToken cancellationToken = default);
}
