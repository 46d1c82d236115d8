using System.Runtime.CompilerServices;

namespace Cluster.Runtime.Persistence.Query;

/// <summary>
/// <see cref="IReadJournal"/> over any plugin's journal backend: pages through the journal with the plugin's
/// queries and, for live queries, waits for the next local commit or the refresh interval, whichever comes first.
/// </summary>
/// <remarks>
/// With several nodes writing to one PostgreSQL database, orderings are assigned when rows are inserted but become
/// visible when their transaction commits, so a live tag query can pass an ordering whose transaction commits a
/// moment later (the gap problem every ordering-based SQL read journal has). Batches here are single statements,
/// which keeps that window to milliseconds; a projection needing strict completeness re-reads a short window
/// behind its offset.
/// </remarks>
internal sealed class ReadJournal : IReadJournal
{
    private readonly GroupCommitJournal journal;
    private readonly IJournalBackend backend;
    private readonly int pageSize;
    private readonly TimeSpan refreshInterval;

    public ReadJournal(GroupCommitJournal journal, JournalSettings settings)
    {
        this.journal = journal ?? throw new ArgumentNullException(nameof(journal));
        backend = journal.Backend;
        pageSize = settings.ReplayPageSize;
        refreshInterval = settings.QueryRefreshInterval;
    }

    public IAsyncEnumerable<EventEnvelope> CurrentEventsByPersistenceId(string persistenceId, long fromSequenceNr = 1,
        long toSequenceNr = long.MaxValue, CancellationToken cancellationToken = default) =>
        ByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr, live: false, cancellationToken);

    public IAsyncEnumerable<EventEnvelope> EventsByPersistenceId(string persistenceId, long fromSequenceNr = 1,
        long toSequenceNr = long.MaxValue, CancellationToken cancellationToken = default) =>
        ByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr, live: true, cancellationToken);

    public IAsyncEnumerable<EventEnvelope> CurrentEventsByTag(string tag, long offset = 0, CancellationToken cancellationToken = default) =>
        ByTag(tag, offset, live: false, cancellationToken);

    public IAsyncEnumerable<EventEnvelope> EventsByTag(string tag, long offset = 0, CancellationToken cancellationToken = default) =>
        ByTag(tag, offset, live: true, cancellationToken);

    public async IAsyncEnumerable<string> CurrentPersistenceIds([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? after = null;
        while (true)
        {
            var page = await backend.ReadPersistenceIdsAsync(after, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var id in page) yield return id;
            if (page.Count < pageSize) yield break;
            after = page[^1];
        }
    }

    public async IAsyncEnumerable<string> AllPersistenceIds([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var since = await backend.ReadMaxOrderingAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var id in CurrentPersistenceIds(cancellationToken).ConfigureAwait(false))
        {
            seen.Add(id);
            yield return id;
        }
        while (true)
        {
            var wake = journal.Commits.NextCommit;
            var (ids, max) = await backend.ReadPersistenceIdsSinceAsync(since, cancellationToken).ConfigureAwait(false);
            since = Math.Max(since, max);
            foreach (var id in ids.OrderBy(i => i, StringComparer.Ordinal))
            {
                if (seen.Add(id)) yield return id;
            }
            await WaitForMoreAsync(wake, cancellationToken).ConfigureAwait(false);
        }
    }

    private async IAsyncEnumerable<EventEnvelope> ByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr, bool live,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        var from = Math.Max(1, fromSequenceNr);
        while (from <= toSequenceNr)
        {
            var wake = journal.Commits.NextCommit;
            var page = await backend.ReadEventsAsync(persistenceId, from, toSequenceNr, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var row in page) yield return ToEnvelope(row);
            if (page.Count > 0) from = page[^1].SequenceNr + 1;
            if (page.Count == pageSize) continue;
            if (!live) yield break;
            await WaitForMoreAsync(wake, cancellationToken).ConfigureAwait(false);
        }
    }

    private async IAsyncEnumerable<EventEnvelope> ByTag(string tag, long offset, bool live,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var after = offset;
        while (true)
        {
            var wake = journal.Commits.NextCommit;
            var page = await backend.ReadEventsByTagAsync(tag, after, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var row in page) yield return ToEnvelope(row);
            if (page.Count > 0) after = page[^1].Ordering;
            if (page.Count == pageSize) continue;
            if (!live) yield break;
            await WaitForMoreAsync(wake, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitForMoreAsync(Task localCommit, CancellationToken cancellationToken)
    {
        // Polling is the query's contract (other nodes write too); the local commit only shortens the wait.
        var delay = Task.Delay(refreshInterval, cancellationToken);
        await Task.WhenAny(localCommit, delay).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private EventEnvelope ToEnvelope(StoredEvent row)
    {
        var repr = journal.ToRepresentation(row);
        return new EventEnvelope(row.Ordering, row.PersistenceId, row.SequenceNr, repr.Payload, repr.Timestamp, repr.Tags, row.WriterUuid);
    }
}
