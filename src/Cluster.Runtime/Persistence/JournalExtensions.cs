namespace Cluster.Runtime.Persistence;

/// <summary>Conveniences over <see cref="IJournal"/> for callers writing one <see cref="AtomicWrite"/> at a time.</summary>
public static class JournalExtensions
{
    /// <summary>Writes one atomic write and returns its result.</summary>
    public static async Task<WriteResult> WriteAsync(this IJournal journal, AtomicWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var results = await journal.WriteMessagesAsync(new[] { write }, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    /// <summary>Replays all events of <paramref name="persistenceId"/> into a list (tests and tools; actors use the callback).</summary>
    public static async Task<IReadOnlyList<PersistentRepresentation>> ReplayAllAsync(this IJournal journal, string persistenceId,
        long fromSequenceNr = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var list = new List<PersistentRepresentation>();
        await journal.ReplayMessagesAsync(persistenceId, fromSequenceNr, long.MaxValue, long.MaxValue, list.Add, cancellationToken)
            .ConfigureAwait(false);
        return list;
    }
}
