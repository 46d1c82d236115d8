using Cluster.Runtime.Persistence;
using Cluster.TestSupport;

namespace Cluster.Bench.Persistence;

/// <summary>Persistent actors on a PostgreSQL server started for the run (fsync and synchronous_commit on).</summary>
public sealed class PersistentActorsPostgresBenchmark : PersistentActorsBenchmark
{
    public override string Name => "persistent-actors-postgres";

    public override string Description => "1,000 persistent actors on PostgreSQL (durable local server), one Persist per command; recovery of all";

    protected override async Task<(PersistenceSettings, IAsyncDisposable?)> PrepareAsync()
    {
        var server = await PostgresServer.StartAsync(PostgresServerOptions.ForBenchmarks);
        Console.WriteLine($"postgres on 127.0.0.1:{server.Port} ({server.DataDirectory}), fsync on");
        var connectionString = await server.CreateDatabaseAsync("bench");
        return (PersistenceSettings.ForPostgres(connectionString), server);
    }
}
