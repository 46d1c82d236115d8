namespace Cluster.Runtime.Persistence;

/// <summary>All of <c>uc.persistence</c>: what <see cref="PersistencePlugins.CreateAsync"/> needs.</summary>
public sealed partial record PersistenceSettings(JournalSettings Journal, SnapshotSettings SnapshotStore)
{
    /// <summary>The <c>reference.conf</c> defaults (SQLite at <c>persistence.db</c>, under the node's data directory when a node runs).</summary>
    public static PersistenceSettings Default { get; } = new(new JournalSettings(), new SnapshotSettings());

    /// <summary>Journal and snapshots in process memory (tests).</summary>
    public static PersistenceSettings InMemory { get; } = new(
        new JournalSettings { Plugin = PersistencePluginKind.InMemory },
        new SnapshotSettings { Plugin = PersistencePluginKind.InMemory });

    /// <summary>Journal and snapshots in one SQLite file.</summary>
    public static PersistenceSettings ForSqlite(string path) => new(
        new JournalSettings { Plugin = PersistencePluginKind.Sqlite, SqlitePath = path },
        new SnapshotSettings { Plugin = PersistencePluginKind.Sqlite, SqlitePath = path });

    /// <summary>Journal and snapshots in one PostgreSQL database.</summary>
    public static PersistenceSettings ForPostgres(string connectionString, string schema = "public") => new(
        new JournalSettings { Plugin = PersistencePluginKind.PostgreSql, ConnectionString = connectionString, Schema = schema },
        new SnapshotSettings { Plugin = PersistencePluginKind.PostgreSql, ConnectionString = connectionString, Schema = schema });
}
