using System.Collections.Concurrent;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Sharding;
using Cluster.Runtime.Tests.Remoting.Support;
using Cluster.Runtime.Tests.Sharding.Support;

namespace Cluster.Runtime.Tests.Sharding.Cluster;

/// <summary>The hooks a cluster locator uses in the region: forced stops, giving up a shard, the activation guard, shutdown.</summary>
public class RegionPlacementHooksTests
{
    private static readonly TimeSpan Timeout = EntityProbe.Timeout;

    [Fact]
    public async Task StopShards_stops_entities_without_their_stop_message_and_the_next_message_asks_the_locator_again()
    {
        await using var node = new ShardingTestSystem();
        var locator = new HookLocator();
        var region = node.StartCounter(locator: locator);
        var shard = ShardingTestSystem.Extractor().ShardId("fenced");
        await region.Ask<Ack>(new Cmd("fenced", 1, Reply: true), Timeout);
        var requestsBefore = locator.Requests.Count;

        var stopped = await region.Ask<ShardsStopped>(new StopShards(null, "test fences the node"), Timeout);

        Assert.Equal([shard], stopped.ShardIds);
        await node.Probe.WaitForAsync<EntityStopped>("fenced", 1, "the entity to stop with its shard");
        Assert.DoesNotContain(node.Probe.Events.Snapshot(), e => e is EntityStopReceived);
        await node.Log.WaitForAsync("stops 1 shards at once", Timeout);
        await region.Ask<Ack>(new Cmd("fenced", 2, Reply: true), Timeout);
        Assert.Equal(requestsBefore + 1, locator.Requests.Count);
        await node.Probe.WaitForAsync<EntityStarted>("fenced", 2, "a new incarnation after the forced stop");
        Assert.Equal(["fenced"], locator.Deactivated);
        Assert.Equal(["fenced", "fenced"], locator.Activated);
    }

    [Fact]
    public async Task Locator_giving_up_a_shard_gets_its_waiting_messages_rejected_at_once_and_the_next_message_asks_again()
    {
        await using var node = new ShardingTestSystem();
        var locator = new HookLocator { Unavailable = "no Up member has role backend" };
        var region = node.StartCounter(locator: locator);

        var failure = await Assert.ThrowsAsync<ShardHomeUnavailableException>(() => region.Ask<Ack>(new Cmd("homeless", 1, Reply: true), Timeout));

        Assert.Contains("no Up member has role backend", failure.Message);
        Assert.Equal(1, node.Sharding.Statistics(ShardingTestSystem.TypeName).MessagesDropped);
        var requestsBefore = locator.Requests.Count;
        locator.Unavailable = null;
        await region.Ask<Ack>(new Cmd("homeless", 2, Reply: true), Timeout);
        Assert.True(locator.Requests.Count > requestsBefore, "the next message must ask the locator again");
    }

    [Fact]
    public async Task Guard_refusing_activation_rejects_the_message_and_starts_nothing()
    {
        await using var node = new ShardingTestSystem();
        var locator = new HookLocator { Refusal = "this node does not hold the shard's lease" };
        var region = node.StartCounter(locator: locator);

        var failure = await Assert.ThrowsAsync<ShardDeliveryException>(() => region.Ask<Ack>(new Cmd("unleased", 1, Reply: true), Timeout));

        Assert.Contains("does not hold the shard's lease", failure.Message);
        Assert.DoesNotContain(node.Probe.Events.Snapshot(), e => e is EntityStarted);
        Assert.Empty(locator.Activated);
    }

    [Fact]
    public async Task Shutdown_lets_the_locator_move_shards_before_the_region_stops()
    {
        var node = new ShardingTestSystem();
        var locator = new HookLocator();
        var region = node.StartCounter(locator: locator);
        await region.Ask<Ack>(new Cmd("leaver", 1, Reply: true), Timeout);
        Assert.Equal([ShardingTestSystem.TypeName], locator.Started);

        await node.System.Terminate().WaitAsync(Timeout);

        Assert.Equal([ShardingTestSystem.TypeName], locator.ShutdownCalls);
        var stopReceived = node.Probe.Events.Snapshot().OfType<EntityStopReceived>().Single();
        Assert.True(locator.ShutdownObservedEntityRunning, "the locator must run before the region stops its entities");
        Assert.Equal("leaver", stopReceived.EntityId);
    }

    /// <summary>A locator that hosts everything locally and records what the region told it.</summary>
    private sealed class HookLocator : IRegionAwareShardLocator, IEntityActivationGuard
    {
        public volatile string? Unavailable;
        public volatile string? Refusal;
        public ConcurrentQueue<string> Requests { get; } = new();
        public ConcurrentQueue<string> Started { get; } = new();
        public ConcurrentQueue<string> ShutdownCalls { get; } = new();
        public ConcurrentQueue<string> Activated { get; } = new();
        public ConcurrentQueue<string> Deactivated { get; } = new();
        public bool ShutdownObservedEntityRunning { get; private set; }

        public Task<ShardHome> GetHomeAsync(string typeName, string shardId, IActorRef requestingRegion, CancellationToken cancellationToken)
        {
            Requests.Enqueue(shardId);
            return Unavailable is { } why
                ? Task.FromException<ShardHome>(new ShardHomeUnavailableException(why))
                : Task.FromResult(new ShardHome(requestingRegion));
        }

        public void RegionStarted(string typeName, IActorRef region, ClusterShardingSettings settings) => Started.Enqueue(typeName);

        public Task BeforeRegionShutdownAsync(string typeName, CancellationToken cancellationToken)
        {
            ShutdownCalls.Enqueue(typeName);
            ShutdownObservedEntityRunning = Activated.Count > Deactivated.Count;
            return Task.CompletedTask;
        }

        public bool MayActivate(string typeName, string shardId, out string reason)
        {
            reason = Refusal ?? "";
            return Refusal is null;
        }

        public void EntityActivated(string typeName, string shardId, string entityId) => Activated.Enqueue(entityId);

        public void EntityDeactivated(string typeName, string shardId, string entityId) => Deactivated.Enqueue(entityId);
    }
}
