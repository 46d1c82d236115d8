using Cluster.Runtime.Kernel;
using Cluster.Runtime.Sharding;
using Cluster.Runtime.Tests.Remoting.Support;
using Cluster.Runtime.Tests.Sharding.Support;
using Cluster.TestSupport;

namespace Cluster.Runtime.Tests.Sharding;

/// <summary>
/// Moving a shard between two regions of one type, each in its own actor system (two "nodes" in one process), with
/// the test playing the cluster layer: BeginHandOff to every region, HandOff to the owner, then the new home.
/// </summary>
public class HandOffTests
{
    private static readonly TimeSpan Timeout = EntityProbe.Timeout;

    [Fact]
    public async Task Shard_moves_between_regions_under_a_steady_stream_and_nothing_is_lost()
    {
        await using var a = new ShardingTestSystem("node-a");
        await using var b = new ShardingTestSystem("node-b");
        var probe = new EntityProbe();
        var locator = new MovableShardLocator();
        var regionA = a.StartCounter(locator: locator, probe: probe);
        var regionB = b.StartCounter(locator: locator, probe: probe);
        locator.DefaultHome = regionA;
        var extractor = ShardingTestSystem.Extractor();
        var moved = extractor.ShardId("mover-0");
        var movers = Enumerable.Range(0, 200).Select(i => $"mover-{i}").Where(id => extractor.ShardId(id) == moved).Take(4).ToArray();
        var stayer = Enumerable.Range(0, 200).Select(i => $"stayer-{i}").First(id => extractor.ShardId(id) != moved);
        string[] entities = [.. movers, stayer];

        // Entities with an even index are always sent through region A, the others through region B. The producer
        // stays at most `window` messages ahead of what was delivered or rejected, so the stream keeps flowing through
        // the hand-off (movers' messages wait in buffers meanwhile) without flooding the test.
        const int perEntity = 1000;
        const int window = 300;
        long Settled() => probe.ReceivedCount + a.Sharding.Statistics(ShardingTestSystem.TypeName).MessagesDropped
                          + b.Sharding.Statistics(ShardingTestSystem.TypeName).MessagesDropped;
        var stream = Task.Run(async () =>
        {
            for (var seq = 1; seq <= perEntity; seq++)
            {
                for (var i = 0; i < entities.Length; i++)
                    (i % 2 == 0 ? regionA : regionB).Tell(new Cmd(entities[i], seq), ActorRefs.NoSender);
                var sentSoFar = (long)seq * entities.Length;
                await Eventually.TrueAsync(() => Settled() >= sentSoFar - window, Timeout, $"the stream to drain below {window} in flight at seq {seq}");
            }
        });
        await Eventually.TrueAsync(() => probe.ReceivedCount >= 500, Timeout, "500 messages delivered before the move");

        locator.BeginMove(moved);
        await Task.WhenAll(regionA.Ask<BeginHandOffAck>(new BeginHandOff(moved), Timeout), regionB.Ask<BeginHandOffAck>(new BeginHandOff(moved), Timeout));
        var stopped = await regionA.Ask<ShardStopped>(new HandOff(moved), Timeout);
        Assert.Equal(new ShardStopped(moved), stopped);
        long Buffered() => a.Sharding.Statistics(ShardingTestSystem.TypeName).MessagesBuffered + b.Sharding.Statistics(ShardingTestSystem.TypeName).MessagesBuffered;
        await Eventually.TrueAsync(() => Buffered() >= 20, Timeout, "the stream to go on while the shard has no home (messages wait in buffers)");
        var settledAtMove = Settled();
        locator.CompleteMove(moved, regionB);
        await stream;

        const int total = perEntity * 5;
        Assert.True(settledAtMove < total - window, $"the move must happen mid-stream (settled {settledAtMove} of {total} at the move)");
        await Eventually.TrueAsync(() => Settled() >= total, Timeout, $"{total} messages delivered or rejected");
        var rejected = Settled() - probe.ReceivedCount;
        var delivered = probe.Events.Snapshot().OfType<EntityReceived>().ToList();
        Assert.Equal(total, delivered.Count + rejected);
        Assert.Equal(0, rejected);
        foreach (var id in entities)
            Assert.Equal(Enumerable.Range(1, perEntity), delivered.Where(r => r.EntityId == id).Select(r => r.Seq).Order());

        // Sent through the old home, order holds across the move; every mover got the hand-off stop message on A.
        for (var i = 0; i < entities.Length; i += 2)
            Assert.Equal(Enumerable.Range(1, perEntity), delivered.Where(r => r.EntityId == entities[i]).Select(r => r.Seq));
        foreach (var id in movers)
        {
            Assert.Contains(probe.Events.Snapshot(), e => e is EntityStopReceived && e.EntityId == id);
            Assert.Contains(probe.Events.Snapshot(), e => e is EntityStarted { Incarnation: 2 } && e.EntityId == id);
        }
        var stateA = await regionA.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, Timeout);
        var stateB = await regionB.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, Timeout);
        Assert.DoesNotContain(moved, stateA.Shards.Keys);
        Assert.Equal(movers.Order(), stateB.Shards[moved].Order());
        Assert.Equal([stayer], stateA.Shards[extractor.ShardId(stayer)]);
        Assert.Equal(movers.Length, a.Sharding.Statistics(ShardingTestSystem.TypeName).EntitiesHandedOff);

        var cluster = await regionA.Ask<ClusterShardingStats>(new GetClusterShardingStats(Timeout), Timeout);
        Assert.Equal([a.System.Address, b.System.Address], cluster.Regions.Keys.OrderBy(k => k.ToString()));
        Assert.Equal(movers.Length, cluster.Regions[b.System.Address].Stats[moved]);
    }

    [Fact]
    public async Task Hand_off_of_a_shard_this_region_does_not_host_is_answered_at_once()
    {
        await using var node = new ShardingTestSystem();
        var region = node.StartCounter();
        Assert.Equal(new ShardStopped("7"), await region.Ask<ShardStopped>(new HandOff("7"), Timeout));
    }

    [Fact]
    public async Task Entity_that_ignores_the_hand_off_stop_message_is_stopped_after_the_hand_off_timeout()
    {
        await using var node = new ShardingTestSystem();
        var region = node.StartCounter(ShardingTestSystem.Settings() with { HandOffTimeout = TimeSpan.FromMilliseconds(200) });
        var release = node.Probe.HoldStop("stubborn");
        region.Tell(new Cmd("stubborn", 1), ActorRefs.NoSender);
        await node.Probe.WaitForReceivedAsync("stubborn", 1);

        var stopped = await region.Ask<ShardStopped>(new HandOff(ShardingTestSystem.Extractor().ShardId("stubborn")), Timeout);

        Assert.Equal(ShardingTestSystem.Extractor().ShardId("stubborn"), stopped.ShardId);
        await node.Probe.WaitForAsync<EntityStopped>("stubborn", 1, "the stubborn entity to be stopped forcibly");
        await node.Log.WaitForAsync("did not stop within hand-off-timeout", Timeout);
        release.SetResult();
    }

    [Fact]
    public async Task Failing_locator_is_retried_and_the_buffered_messages_are_delivered_once_it_answers()
    {
        var time = new ManualTimeProvider();
        await using var node = new ShardingTestSystem(time: time);
        var locator = new FlakyLocator();
        var region = node.StartCounter(ShardingTestSystem.Settings() with { RetryInterval = TimeSpan.FromSeconds(2) }, locator);

        for (var i = 1; i <= 5; i++) region.Tell(new Cmd("patient", i), ActorRefs.NoSender);
        await node.Log.WaitForAsync("Could not find the home of shard", Timeout);
        await Eventually.TrueAsync(() => node.Sharding.Statistics(ShardingTestSystem.TypeName).MessagesBuffered == 5, Timeout,
            "all five messages to wait for the retry");
        Assert.Empty(node.Probe.Received("patient"));
        Assert.Single(locator.Requests);                // one failed request, no request per message

        locator.Healthy = true;
        time.Advance(TimeSpan.FromSeconds(2));

        await node.Probe.WaitForReceivedAsync("patient", 5);
        Assert.Equal(Enumerable.Range(1, 5), node.Probe.Received("patient").Select(r => r.Seq));
        Assert.Equal(5, node.Sharding.Statistics(ShardingTestSystem.TypeName).MessagesBuffered);
    }

    private sealed class FlakyLocator : IShardLocator
    {
        public volatile bool Healthy;

        public System.Collections.Concurrent.ConcurrentQueue<string> Requests { get; } = new();

        public Task<ShardHome> GetHomeAsync(string typeName, string shardId, IActorRef requestingRegion, CancellationToken cancellationToken)
        {
            Requests.Enqueue(shardId);
            return Healthy
                ? Task.FromResult(new ShardHome(requestingRegion))
                : Task.FromException<ShardHome>(new InvalidOperationException("placement table unavailable"));
        }
    }
}
