using Cluster.Runtime.Persistence.Query;

namespace Cluster.Runtime.Persistence;

/// <summary>
/// The journal, snapshot store and read journal built from one <see cref="PersistenceSettings"/>. Owned by the
/// actor system's persistence extension: disposing it commits queued writes and closes the databases.
/// </summary>
public sealed class PersistenceComponents : IAsyncDisposable
{
    private readonly IReadOnlyList<IAsyncDisposable> shared;
    private int disposed;

    internal PersistenceComponents(IJournal journal, ISnapshotStore snapshotStore, IReadJournal readJournal, JournalMetrics metrics,
        IReadOnlyList<IAsyncDisposable> shared)
    {
        Journal = journal;
        SnapshotStore = snapshotStore;
        ReadJournal = readJournal;
        Metrics = metrics;
        this.shared = shared;
    }

    public IJournal Journal { get; }

    public ISnapshotStore SnapshotStore { get; }

    public IReadJournal ReadJournal { get; }

    /// <summary>The journal's counters (batches, transactions, conflicts...).</summary>
    public JournalMetrics Metrics { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        await Journal.DisposeAsync().ConfigureAwait(false);
        await SnapshotStore.DisposeAsync().ConfigureAwait(false);
        foreach (var d in shared) await d.DisposeAsync().ConfigureAwait(false);
    }
}
