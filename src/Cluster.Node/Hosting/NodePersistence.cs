using Cluster.Actors.Common;
using Cluster.Actors.Calls.Entity;
using Cluster.Actors.Users.Entity;
using Cluster.Runtime.Hocon;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Persistence.Serialization;

namespace Cluster.Node.Hosting;

/// <summary>How the node sets up persistence: settings relative to its data directory, and every manifest it stores.</summary>
public static class NodePersistence
{
    /// <summary><c>uc.persistence</c> with relative SQLite paths taken from the node's data directory.</summary>
    public static PersistenceSettings Settings(Config config, string dataDirectory)
    {
        var settings = PersistenceSettings.FromConfig(config);
        return settings with
        {
            Journal = settings.Journal with { SqlitePath = UnderDataDirectory(settings.Journal.SqlitePath, dataDirectory) },
            SnapshotStore = settings.SnapshotStore with { SqlitePath = UnderDataDirectory(settings.SnapshotStore.SqlitePath, dataDirectory) },
        };
    }

    /// <summary>
    /// The registry of every event, snapshot and message manifest the node's entities persist, written as
    /// <see cref="DomainJson"/> (the format the domain's stored-payload tests pin).
    /// </summary>
    public static SerializerRegistry CreateRegistry() =>
        CallsModule.RegisterManifests(UsersModule.RegisterManifests(new SerializerRegistry(DomainJson.Options)));

    /// <summary>One line for the start-up summary.</summary>
    public static string Describe(PersistenceSettings settings) => settings.Journal.Plugin switch
    {
        PersistencePluginKind.Sqlite => $"sqlite {settings.Journal.SqlitePath}",
        PersistencePluginKind.PostgreSql => $"postgresql schema {settings.Journal.Schema}",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static string UnderDataDirectory(string path, string dataDirectory) =>
        string.IsNullOrEmpty(path) || Path.IsPathRooted(path) ? path : Path.Combine(dataDirectory, path);
}
