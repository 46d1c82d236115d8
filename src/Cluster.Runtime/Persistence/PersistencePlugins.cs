using Cluster.Runtime.Persistence.InMemory;
using Cluster.Runtime.Persistence.Postgres;
using Cluster.Runtime.Persistence.Query;
using Cluster.Runtime.Persistence.Serialization;
using Cluster.Runtime.Persistence.Sqlite;
using Serilog;

namespace Cluster.Runtime.Persistence;

/// <summary>
/// Builds the configured journal, snapshot store and read journal. The one place that knows which plugin classes
/// exist, so the persistence extension (and tests) only pass settings.
/// </summary>
public static class PersistencePlugins
{
    /// <summary>
    /// Creates the components and, when <c>auto-initialize</c> is on, their tables. Journal and snapshot store with
    /// the same PostgreSQL connection string share one connection pool.
    /// </summary>
    /// <exception cref="ArgumentException">a setting is invalid (the message names the key).</exception>
    public static async Task<PersistenceComponents> CreateAsync(PersistenceSettings settings, SerializerRegistry registry, ILogger logger,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(logger);
        var journalSettings = settings.Journal.Validate();
        var snapshotSettings = settings.SnapshotStore.Validate();
        var databases = new Dictionary<string, PostgresDatabase>(StringComparer.Ordinal);
        IJournalBackend? journalBackend = null;
        ISnapshotBackend? snapshotBackend = null;
        try
        {
            journalBackend = journalSettings.Plugin switch
            {
                PersistencePluginKind.InMemory => new InMemoryJournalBackend(),
                PersistencePluginKind.Sqlite => new SqliteJournalBackend(journalSettings),
                PersistencePluginKind.PostgreSql => new PostgresJournalBackend(journalSettings,
                    Database(databases, journalSettings.ConnectionString, journalSettings.CommandTimeout), ownsDatabase: false),
                _ => throw new ArgumentException($"uc.persistence.journal.plugin: unknown plugin {journalSettings.Plugin}"),
            };
            snapshotBackend = snapshotSettings.Plugin switch
            {
                PersistencePluginKind.InMemory => new InMemorySnapshotBackend(),
                PersistencePluginKind.Sqlite => new SqliteSnapshotBackend(snapshotSettings),
                PersistencePluginKind.PostgreSql => new PostgresSnapshotBackend(snapshotSettings,
                    Database(databases, snapshotSettings.ConnectionString, snapshotSettings.CommandTimeout), ownsDatabase: false),
                _ => throw new ArgumentException($"uc.persistence.snapshot-store.plugin: unknown plugin {snapshotSettings.Plugin}"),
            };
            if (journalSettings.AutoInitialize) await journalBackend.InitializeAsync(cancellationToken).ConfigureAwait(false);
            if (snapshotSettings.AutoInitialize) await snapshotBackend.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (journalBackend is not null) await journalBackend.DisposeAsync().ConfigureAwait(false);
            if (snapshotBackend is not null) await snapshotBackend.DisposeAsync().ConfigureAwait(false);
            foreach (var db in databases.Values) await db.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var journal = new GroupCommitJournal(journalBackend, registry, journalSettings, logger, timeProvider);
        logger.ForContext(typeof(PersistencePlugins)).Information(
            "Persistence started: journal {JournalPlugin}, snapshot store {SnapshotPlugin}, max batch {MaxBatchSize}",
            journalSettings.Plugin, snapshotSettings.Plugin, journalSettings.MaxBatchSize);
        return new PersistenceComponents(journal, new SnapshotStore(snapshotBackend, registry), new ReadJournal(journal, journalSettings),
            journal.Metrics, databases.Values.ToList<IAsyncDisposable>());
    }

    private static PostgresDatabase Database(Dictionary<string, PostgresDatabase> databases, string connectionString, TimeSpan commandTimeout)
    {
        if (!databases.TryGetValue(connectionString, out var db))
            databases[connectionString] = db = new PostgresDatabase(connectionString, commandTimeout);
        return db;
    }
}
