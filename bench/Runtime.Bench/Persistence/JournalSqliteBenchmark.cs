using Cluster.Runtime.Persistence;

namespace Cluster.Bench.Persistence;

/// <summary>Journal on a SQLite file in the temp folder (WAL, synchronous=NORMAL: the shipped defaults).</summary>
public sealed class JournalSqliteBenchmark : JournalBenchmark
{
    public override string Name => "journal-sqlite";

    public override string Description => "SQLite journal: 1,000 writers persisting one event per command; replay speed";

    protected override Task<(PersistenceSettings, IAsyncDisposable?)> PrepareAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "uc-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        Console.WriteLine($"sqlite file: {dir}/journal.db");
        return Task.FromResult<(PersistenceSettings, IAsyncDisposable?)>(
            (PersistenceSettings.ForSqlite(Path.Combine(dir, "journal.db")), new DirectoryCleanup(dir)));
    }

    private sealed class DirectoryCleanup(string dir) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            Directory.Delete(dir, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}
