namespace Cluster.Runtime.Persistence;

/// <summary>Which database a journal or snapshot store lives in (<c>plugin = inmem | sqlite | postgresql</c>).</summary>
public enum PersistencePluginKind
{
    /// <summary>Process memory: tests only, lost on exit.</summary>
    InMemory,

    /// <summary>An embedded SQLite file: the single-node default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by every node of a cluster.</summary>
    PostgreSql,
}
