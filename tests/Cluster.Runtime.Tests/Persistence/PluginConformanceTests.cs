using Cluster.Runtime.Persistence;
using Cluster.TestSupport;

namespace Cluster.Runtime.Tests.Persistence;

// The conformance suites bound to each plugin. In-memory and SQLite classes run in parallel; the PostgreSQL ones
// share one server (collection fixture), each test in a schema of its own.

public sealed class InMemoryJournalTests : JournalConformance
{
    protected override Task<PersistenceSettings> CreateSettingsAsync() => Task.FromResult(PersistenceSettings.InMemory);
}

public sealed class InMemorySnapshotStoreTests : SnapshotStoreConformance
{
    protected override Task<PersistenceSettings> CreateSettingsAsync() => Task.FromResult(PersistenceSettings.InMemory);
}

public sealed class InMemoryReadJournalTests : ReadJournalConformance
{
    protected override Task<PersistenceSettings> CreateSettingsAsync() => Task.FromResult(PersistenceSettings.InMemory);
}

public sealed class SqliteJournalTests : DurableJournalConformance
{
    private readonly string directory = PluginTargets.NewTempDirectory();

    protected override Task<PersistenceSettings> CreateSettingsAsync() => Task.FromResult(PluginTargets.Sqlite(directory));

    protected override Task CleanupAsync()
    {
        PluginTargets.DeleteDirectory(directory);
        return Task.CompletedTask;
    }
}

public sealed class SqliteSnapshotStoreTests : SnapshotStoreConformance
{
    private readonly string directory = PluginTargets.NewTempDirectory();

    protected override Task<PersistenceSettings> CreateSettingsAsync() => Task.FromResult(PluginTargets.Sqlite(directory));

    protected override Task CleanupAsync()
    {
        PluginTargets.DeleteDirectory(directory);
        return Task.CompletedTask;
    }
}

public sealed class SqliteReadJournalTests : ReadJournalConformance
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
public sealed class PostgresJournalTests(PostgresServer server) : DurableJournalConformance
{
    protected override Task<PersistenceSettings> CreateSettingsAsync() => Task.FromResult(PluginTargets.Postgres(server));
}

[Collection(PostgresServer.Collection)]
public sealed class PostgresSnapshotStoreTests(PostgresServer server) : SnapshotStoreConformance
{
    protected override Task<PersistenceSettings> CreateSettingsAsync() => Task.FromResult(PluginTargets.Postgres(server));
}

[Collection(PostgresServer.Collection)]
public sealed class PostgresReadJournalTests(PostgresServer server) : ReadJournalConformance
{
    protected override Task<PersistenceSettings> CreateSettingsAsync() => Task.FromResult(PluginTargets.Postgres(server));
}
