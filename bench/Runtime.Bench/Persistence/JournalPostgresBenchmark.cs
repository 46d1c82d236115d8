using Cluster.Runtime.Persistence;
using Cluster.TestSupport;

namespace Cluster.Bench.Persistence;

/// <summary>Journal on a PostgreSQL server started for the run, with fsync and synchronous_commit on.</summary>
public sealed class JournalPostgresBenchmark : JournalBenchmark
{
    public override string Name => "journal-postgres";

    public override string Description => "PostgreSQL journal (durable local server): 1,000 writers, one event per command; replay speed";

    protected override async Task<(PersistenceSettings, IAsyncDisposable?)> PrepareAsync()
    {
        var server = await PostgresServer.StartAsync(PostgresServerOptions.ForBenchmarks);
        Console.WriteLine($"postgres on 127.0.0.1:{server.Port} ({server.DataDirectory}), fsync on");
        var connectionString = await server.CreateDatabaseAsync("bench");
        return (PersistenceSettings.ForPostgres(connectionString), server);
    }
}
