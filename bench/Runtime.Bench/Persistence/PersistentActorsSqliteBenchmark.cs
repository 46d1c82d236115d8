using Cluster.Runtime.Persistence;

namespace Cluster.Bench.Persistence;

/// <summary>Persistent actors on a SQLite file in the temp folder (WAL, synchronous=NORMAL).</summary>
public sealed class PersistentActorsSqliteBenchmark : PersistentActorsBenchmark
{
    public override string Name => "persistent-actors-sqlite";

    public override string Description => "1,000 persistent actors on SQLite, one Persist per command; recovery of all";

    protected override Task<(PersistenceSettings, IAsyncDisposable?)> PrepareAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "uc-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        Console.WriteLine($"sqlite file: {dir}/journal.db");
        return Task.FromResult<(PersistenceSettings, IAsyncDisposable?)>((PersistenceSettings.ForSqlite(Path.Combine(dir, "journal.db")), new Cleanup(dir)));
    }

    private sealed class Cleanup(string dir) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            Directory.Delete(dir, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}
