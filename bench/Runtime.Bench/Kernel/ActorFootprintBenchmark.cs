using System.Diagnostics;
using Cluster.Runtime.Kernel;
using Serilog.Core;

namespace Cluster.Bench.Kernel;

/// <summary>
/// Memory per idle actor and time to create a million: creates N top-level actors (a ReceiveActor with one
/// handler, started: PreStart ran), then measures the managed heap growth after a full GC and divides by N.
/// </summary>
public sealed class ActorFootprintBenchmark : IBenchmark
{
    public string Name => "actors";
    public string Description => "memory per idle actor (target <= 1 KB) and time to create 1,000,000 (target <= 5 s)";

    private sealed class Idle : ReceiveActor
    {
        private static long started;
        public static long Started => Interlocked.Read(ref started);

        public Idle()
        {
            Receive<string>(s => Sender.Tell(s, Self));
        }

        protected override void PreStart() => Interlocked.Increment(ref started);
    }

    public async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;
        var settings = ActorSystemSettings.Default with { Logger = Logger.None };
        await using var system = ActorSystem.Create("bench", settings);
        var props = Props.Create<Idle>();
        // warm up the code paths
        var warm = system.ActorOf(props, "warm");
        await warm.Ask<string>("ping");

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var baseline = Idle.Started;
        var refs = new IActorRef[count];
        var pauseBefore = GC.GetTotalPauseDuration();
        var gcsBefore = GC.CollectionCount(0);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) refs[i] = system.ActorOf(props);
        var createdMs = sw.Elapsed.TotalMilliseconds;
        while (Idle.Started - baseline < count)
        {
            if (sw.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"only {Idle.Started - baseline} of {count} actors started");
            await Task.Delay(5);
        }
        var startedMs = sw.Elapsed.TotalMilliseconds;
        var gcPause = GC.GetTotalPauseDuration() - pauseBefore;
        var gcs = GC.CollectionCount(0) - gcsBefore;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        // the refs array is the caller's, not the actors'
        var perActor = (after - before - (long)count * IntPtr.Size) / (double)count;
        // prove they are alive and responsive
        var probe = await refs[count / 2].Ask<string>("alive");
        GC.KeepAlive(refs);
        Console.WriteLine($"ActorOf x{count:N0}: {createdMs:N0} ms; all started (PreStart ran): {startedMs:N0} ms; probe={probe}");
        Console.WriteLine($"GCs during creation: {gcs}, total GC pause {gcPause.TotalMilliseconds:N0} ms");
        Console.WriteLine($"RESULT actors bytes_per_idle_actor={perActor:F0} create_ms={createdMs:F0} started_ms={startedMs:F0} n={count}");
    }
}
