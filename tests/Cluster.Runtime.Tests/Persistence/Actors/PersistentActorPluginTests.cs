using Cluster.Runtime.Persistence;
using Cluster.TestSupport;

namespace Cluster.Runtime.Tests.Persistence.Actors;

// PersistentActorSpec bound to each plugin. The PostgreSQL class shares the collection's server (one schema per test).

public sealed class InMemoryPersistentActorTests : PersistentActorSpec
{
    protected override Task<PersistenceSettings> CreateSettingsAsync() => Task.FromResult(PersistenceSettings.InMemory);
}

public sealed class SqlitePersistentActorTests : PersistentActorSpec
{
    private readonly string directory = PluginTargets.NewTempDirectory();

    protected override Task<PersistenceSettings> CreateSettingsAsync() => Task.FromResult(PluginTargets.Sqlite(directory));

    protected override Task CleanupAsync()
    {
        PluginTargets.DeleteDirectory(directory);
        return Task.CompletedTask;
    }
}

[Collection(PostgresServer.Collection)]
public sealed class PostgresPersistentActorTests(PostgresServer server) : PersistentActorSpec
{
    protected override Task<PersistenceSettings> CreateSettingsAsync() => Task.FromResult(PluginTargets.Postgres(server));
}
