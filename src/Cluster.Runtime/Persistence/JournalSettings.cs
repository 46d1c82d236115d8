namespace Cluster.Runtime.Persistence;

/// <summary>
/// Settings of the event journal (<c>uc.persistence.journal</c>). The defaults equal the values in this folder's
/// <c>reference.conf</c>; a HOCON loader maps the keys one to one onto these properties.
/// </summary>
public sealed record JournalSettings
{
    /// <summary><c>plugin</c>: where events are stored.</summary>
    public PersistencePluginKind Plugin { get; init; } = PersistencePluginKind.Sqlite;

    /// <summary><c>connection-string</c>: Npgsql connection string (postgresql only).</summary>
    public string ConnectionString { get; init; } = "";

    /// <summary><c>sqlite-path</c>: the database file (sqlite only); its directory is created if missing.</summary>
    public string SqlitePath { get; init; } = "persistence.db";

    /// <summary><c>schema</c>: PostgreSQL schema holding the tables (created if missing).</summary>
    public string Schema { get; init; } = "public";

    /// <summary><c>table</c>: the journal table.</summary>
    public string Table { get; init; } = "journal";

    /// <summary><c>tag-table</c>: the table indexing events by tag.</summary>
    public string TagTable { get; init; } = "tags";

    /// <summary><c>auto-initialize</c>: create the tables (idempotently) at start.</summary>
    public bool AutoInitialize { get; init; } = true;

    /// <summary><c>max-batch-size</c>: most atomic writes committed in one transaction.</summary>
    public int MaxBatchSize { get; init; } = 400;

    /// <summary><c>queue-capacity</c>: atomic writes that may wait for the writer before callers are held back.</summary>
    public int QueueCapacity { get; init; } = 20_000;

    /// <summary><c>batch-retries</c>: how often a batch hit by a transient database error is retried (0 = never).</summary>
    public int BatchRetries { get; init; } = 3;

    /// <summary><c>batch-retry-backoff</c>: wait before the first retry; doubles for each further one.</summary>
    public TimeSpan BatchRetryBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary><c>batch-retry-max-backoff</c>: upper bound of the doubling wait.</summary>
    public TimeSpan BatchRetryMaxBackoff { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>replay-page-size</c>: events read per query during replay and queries.</summary>
    public int ReplayPageSize { get; init; } = 2000;

    /// <summary><c>command-timeout</c>: longest a single SQL command may take.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>sqlite-busy-timeout</c>: how long SQLite waits for a lock held by another connection.</summary>
    public TimeSpan SqliteBusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>query-refresh-interval</c>: how often live read-journal queries poll for new events.</summary>
    public TimeSpan QueryRefreshInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws <see cref="ArgumentException"/> naming the key when a value cannot work.</summary>
    public JournalSettings Validate()
    {
        if (MaxBatchSize < 1) throw new ArgumentException($"uc.persistence.journal.max-batch-size must be at least 1, got {MaxBatchSize}");
        if (QueueCapacity < 1) throw new ArgumentException($"uc.persistence.journal.queue-capacity must be at least 1, got {QueueCapacity}");
        if (BatchRetries < 0) throw new ArgumentException($"uc.persistence.journal.batch-retries must not be negative, got {BatchRetries}");
        if (BatchRetryBackoff < TimeSpan.Zero || BatchRetryMaxBackoff < BatchRetryBackoff)
            throw new ArgumentException("uc.persistence.journal.batch-retry-backoff must be >= 0 and <= batch-retry-max-backoff");
        if (ReplayPageSize < 1) throw new ArgumentException($"uc.persistence.journal.replay-page-size must be at least 1, got {ReplayPageSize}");
        if (CommandTimeout <= TimeSpan.Zero) throw new ArgumentException("uc.persistence.journal.command-timeout must be positive");
        if (QueryRefreshInterval <= TimeSpan.Zero) throw new ArgumentException("uc.persistence.journal.query-refresh-interval must be positive");
        PluginChecks.Validate("uc.persistence.journal", Plugin, ConnectionString, SqlitePath, Schema, Table, TagTable);
        return this;
    }
}
