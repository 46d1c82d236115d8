using System.Diagnostics;
using System.Globalization;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Sharding;
using Serilog.Core;

namespace Cluster.Bench.Sharding;

/// <summary>
/// Messages per second through a shard region (extract, route to shard, deliver to entity) from one sender, and the
/// time to start the entities on their first message: N entities in 1000 shards, M messages round-robin over them.
/// </summary>
public sealed class ShardingThroughputBenchmark : IBenchmark
{
    public string Name => "sharding";
    public string Description => "tell throughput through a shard region and entity start rate (args: entities messages)";

    private sealed record Hit(string EntityId);

    private sealed class Counter : ActorBase
    {
        private static long received;
        public static long Received => Interlocked.Read(ref received);

        protected override bool Receive(object message)
        {
            if (message is not Hit) return false;
            Interlocked.Increment(ref received);
            return true;
        }
    }

    public async Task RunAsync(string[] args)
    {
        var entities = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var messages = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000_000;
        await using var system = ActorSystem.Create("bench", ActorSystemSettings.Default with { Logger = Logger.None });
        var settings = ClusterShardingSettings.Default with { PassivateIdleEntityAfter = null };
        var region = ClusterSharding.Get(system).Start("bench", Props.Create<Counter>(), settings,
            HashCodeMessageExtractor.Create(settings.NumberOfShards, m => (m as Hit)?.EntityId));
        var hits = Enumerable.Range(0, entities).Select(i => new Hit($"user-{i}@example.com")).ToArray();

        var sw = Stopwatch.StartNew();
        foreach (var hit in hits) region.Tell(hit, null);
        await WaitForAsync(entities, sw);
        var startMs = sw.Elapsed.TotalMilliseconds;

        var baseline = Counter.Received;
        sw.Restart();
        for (var i = 0; i < messages; i++) region.Tell(hits[i % entities], null);
        await WaitForAsync(baseline + messages, sw);
        var sendMs = sw.Elapsed.TotalMilliseconds;

        Console.WriteLine($"entities: {entities:N0} started in {startMs:N0} ms ({entities / (startMs / 1000):N0}/s, first message each)");
        Console.WriteLine($"messages: {messages:N0} delivered in {sendMs:N0} ms ({messages / (sendMs / 1000):N0} msg/s, one sender, {entities:N0} entities, {settings.NumberOfShards} shards)");
    }

    private static async Task WaitForAsync(long target, Stopwatch sw)
    {
        while (Counter.Received < target)
        {
            if (sw.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"only {Counter.Received} of {target} messages delivered");
            await Task.Delay(1);
        }
    }
}
