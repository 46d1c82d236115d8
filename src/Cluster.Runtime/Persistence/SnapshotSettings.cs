namespace Cluster.Runtime.Persistence;

/// <summary>
/// Settings of the snapshot store (<c>uc.persistence.snapshot-store</c>), defaults equal to <c>reference.conf</c>.
/// It may share the journal's database (same SQLite file or PostgreSQL connection string).
/// </summary>
public sealed record SnapshotSettings
{
    /// <summary><c>plugin</c>: where snapshots are stored.</summary>
    public PersistencePluginKind Plugin { get; init; } = PersistencePluginKind.Sqlite;

    /// <summary><c>connection-string</c>: Npgsql connection string (postgresql only).</summary>
    public string ConnectionString { get; init; } = "";

    /// <summary><c>sqlite-path</c>: the database file (sqlite only).</summary>
    public string SqlitePath { get; init; } = "persistence.db";

    /// <summary><c>schema</c>: PostgreSQL schema holding the table.</summary>
    public string Schema { get; init; } = "public";

    /// <summary><c>table</c>: the snapshot table.</summary>
    public string Table { get; init; } = "snapshot";

    /// <summary><c>auto-initialize</c>: create the table (idempotently) at start.</summary>
    public bool AutoInitialize { get; init; } = true;

    /// <summary><c>command-timeout</c>: longest a single SQL command may take.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>sqlite-busy-timeout</c>: how long SQLite waits for a lock held by another connection.</summary>
    public TimeSpan SqliteBusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public SnapshotSettings Validate()
    {
        if (CommandTimeout <= TimeSpan.Zero) throw new ArgumentException("uc.persistence.snapshot-store.command-timeout must be positive");
        PluginChecks.Validate("uc.persistence.snapshot-store", Plugin, ConnectionString, SqlitePath, Schema, Table, null);
        return this;
    }
}
