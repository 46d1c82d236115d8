using System.Diagnostics;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Persistence.Serialization;
using Serilog;

namespace Cluster.Bench.Persistence;

/// <summary>An event of the size of a typical presence or binding event (about 120 bytes of JSON).</summary>
public sealed record BenchEvent(string Entity, long Sequence, string Availability, string Note);

/// <summary>
/// Journal throughput as persistent actors see it: N writers (tasks standing in for actors), each persisting one
/// event per command and waiting for it before the next, all sharing one journal; then recovery (replay) speed.
/// Arguments: [writers=1000] [events-per-writer=100].
/// </summary>
public abstract class JournalBenchmark : IBenchmark
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    protected abstract Task<(PersistenceSettings Settings, IAsyncDisposable? Resource)> PrepareAsync();

    public async Task RunAsync(string[] args)
    {
        var writers = args.Length > 0 ? int.Parse(args[0]) : 1000;
        var perWriter = args.Length > 1 ? int.Parse(args[1]) : 100;
        var (settings, resource) = await PrepareAsync();
        try
        {
            var registry = new SerializerRegistry().Register<BenchEvent>("bench.event.v1");
            var logger = new LoggerConfiguration().MinimumLevel.Warning().WriteTo.Console().CreateLogger();
            await using var components = await PersistencePlugins.CreateAsync(settings, registry, logger);
            var journal = components.Journal;

            await WriteAsync(journal, "warmup", writers, 3, 0);
            var txBefore = components.Metrics.Transactions;
            var sw = Stopwatch.StartNew();
            await WriteAsync(journal, "actor", writers, perWriter, 0);
            sw.Stop();
            var total = writers * perWriter;
            var tx = components.Metrics.Transactions - txBefore;
            Console.WriteLine($"RESULT {Name} write: {writers} writers x {perWriter} events = {total} events in {sw.Elapsed.TotalSeconds:F2} s " +
                              $"= {total / sw.Elapsed.TotalSeconds:F0} events/s ({tx} transactions, {(double)total / tx:F1} events/transaction)");

            // Recovery of many actors: each replays its own events, 16 at a time (a node restarting its shards).
            var replayed = 0L;
            sw.Restart();
            await Parallel.ForEachAsync(Enumerable.Range(0, writers), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (w, ct) =>
            {
                var n = 0;
                await journal.ReplayMessagesAsync($"actor-{w}", 1, long.MaxValue, long.MaxValue, _ => n++, ct);
                Interlocked.Add(ref replayed, n);
            });
            sw.Stop();
            if (replayed != total) throw new InvalidOperationException($"replayed {replayed} events, expected {total}");
            Console.WriteLine($"RESULT {Name} recovery-many: {writers} actors, {replayed} events in {sw.Elapsed.TotalSeconds:F2} s = {replayed / sw.Elapsed.TotalSeconds:F0} events/s");

            // Recovery of one long-lived actor with 100,000 events.
            const int longEvents = 100_000;
            const int chunk = 500;
            var writes = new List<Task<WriteResult>>();
            for (var from = 1; from <= longEvents; from += chunk)
            {
                var events = Enumerable.Range(from, chunk)
                    .Select(s => new PersistentRepresentation(Event("long-lived", s), "long-lived", s, "bench-writer")).ToList();
                writes.Add(journal.WriteAsync(new AtomicWrite(events)));
            }
            foreach (var r in await Task.WhenAll(writes))
                if (!r.IsOk) throw new InvalidOperationException($"bulk write failed: {r.Cause}");
            var count = 0;
            sw.Restart();
            await journal.ReplayMessagesAsync("long-lived", 1, long.MaxValue, long.MaxValue, _ => count++);
            sw.Stop();
            if (count != longEvents) throw new InvalidOperationException($"replayed {count}, expected {longEvents}");
            Console.WriteLine($"RESULT {Name} recovery-one: {count} events of one actor in {sw.Elapsed.TotalSeconds:F2} s = {count / sw.Elapsed.TotalSeconds:F0} events/s");
            Console.WriteLine($"metrics: {components.Metrics}");
        }
        finally
        {
            if (resource is not null) await resource.DisposeAsync();
        }
    }

    private static BenchEvent Event(string entity, long seq) => new(entity, seq, "available", "in a meeting until 15:00, call mobile");

    private static async Task WriteAsync(IJournal journal, string prefix, int writers, int perWriter, int offset)
    {
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var pid = $"{prefix}-{w}";
            for (var s = 1; s <= perWriter; s++)
            {
                var r = await journal.WriteAsync(new AtomicWrite(new PersistentRepresentation(Event(pid, s + offset), pid, s + offset, "bench-writer")));
                if (!r.IsOk) Interlocked.Increment(ref failures);
            }
        })));
        if (failures > 0) throw new InvalidOperationException($"{failures} writes failed");
    }
}
