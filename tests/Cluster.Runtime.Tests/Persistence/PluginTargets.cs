using Cluster.Runtime.Persistence;
using Cluster.TestSupport;

namespace Cluster.Runtime.Tests.Persistence;

/// <summary>How each plugin gets a fresh, isolated store per test.</summary>
internal static class PluginTargets
{
    public static PersistenceSettings Sqlite(string directory) => PersistenceSettings.ForSqlite(Path.Combine(directory, "journal.db"));

    public static string NewTempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "uc-persist-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void DeleteDirectory(string dir)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    /// <summary>A schema of its own per test in the fixture's server: isolation without a database per test.</summary>
    public static PersistenceSettings Postgres(PostgresServer server) =>
        PersistenceSettings.ForPostgres(server.ConnectionString, "t_" + Guid.NewGuid().ToString("N")[..12]);
}

[CollectionDefinition(PostgresServer.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
}
