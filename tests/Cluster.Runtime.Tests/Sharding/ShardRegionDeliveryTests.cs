using Cluster.Runtime.Kernel;
using Cluster.Runtime.Sharding;
using Cluster.Runtime.Tests.Sharding.Support;

namespace Cluster.Runtime.Tests.Sharding;

public class ShardRegionDeliveryTests
{
    [Fact]
    public async Task Entity_is_started_on_first_message_and_receives_in_order()
    {
        await using var node = new ShardingTestSystem();
        var region = node.StartCounter();
        Assert.Empty(node.Probe.Events.Snapshot());

        for (var i = 1; i <= 200; i++) region.Tell(new Cmd("alice", i), ActorRefs.NoSender);
        await node.Probe.WaitForReceivedAsync("alice", 200);

        var events = node.Probe.Events.Snapshot();
        Assert.Equal(new EntityStarted("alice", 1), events[0]);
        Assert.Equal(Enumerable.Range(1, 200), node.Probe.Received("alice").Select(r => r.Seq));
        Assert.All(node.Probe.Received("alice"), r => Assert.Equal(1, r.Incarnation));
        var stats = node.Sharding.Statistics(ShardingTestSystem.TypeName);
        Assert.Equal(1, stats.EntitiesStarted);
        Assert.Equal(200, stats.MessagesDelivered);
        Assert.Equal(0, stats.MessagesDropped);
    }

    [Fact]
    public async Task Reply_reaches_the_original_sender_through_region_and_shard()
    {
        await using var node = new ShardingTestSystem();
        var region = node.StartCounter();
        var ack = await region.Ask<Ack>(new Cmd("bob", 7, Reply: true), EntityProbe.Timeout);
        Assert.Equal(new Ack("bob", 7), ack);
    }

    [Fact]
    public async Task Entities_in_different_shards_run_separately_and_show_in_region_state_and_stats()
    {
        await using var node = new ShardingTestSystem();
        var region = node.StartCounter();
        var extractor = ShardingTestSystem.Extractor();
        var ids = new[] { "a", "b", "c", "d", "e", "f" };
        var shardOf = ids.ToDictionary(id => id, id => extractor.ShardId(id));
        Assert.True(shardOf.Values.Distinct().Count() >= 2, "the ids must span at least two shards");

        foreach (var id in ids) region.Tell(new Cmd(id, 1), ActorRefs.NoSender);
        foreach (var id in ids) await node.Probe.WaitForReceivedAsync(id, 1);

        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, EntityProbe.Timeout);
        Assert.Empty(state.Failed);
        var expected = shardOf.GroupBy(kv => kv.Value).ToDictionary(g => g.Key, g => g.Select(kv => kv.Key).Order().ToArray());
        Assert.Equal(expected.Keys.Order(), state.Shards.Keys.Order());
        foreach (var (shard, entities) in expected) Assert.Equal(entities, state.Shards[shard].Order().ToArray());

        var stats = await region.Ask<ShardRegionStats>(GetShardRegionStats.Instance, EntityProbe.Timeout);
        Assert.Equal(expected.ToDictionary(kv => kv.Key, kv => kv.Value.Length), stats.Stats);
        Assert.Equal(ids.Length, stats.EntityCount);

        var cluster = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(EntityProbe.Timeout), EntityProbe.Timeout);
        var only = Assert.Single(cluster.Regions);
        Assert.Equal(node.System.Address, only.Key);
        Assert.Equal(ids.Length, only.Value.EntityCount);

        var regions = await region.Ask<CurrentRegions>(GetCurrentRegions.Instance, EntityProbe.Timeout);
        Assert.Equal([node.System.Address], regions.Regions);
        Assert.Equal(ids.Length, node.Sharding.Statistics(ShardingTestSystem.TypeName).EntitiesStarted);
    }

    [Fact]
    public async Task Entity_location_names_shard_and_region_and_starts_nothing()
    {
        await using var node = new ShardingTestSystem();
        var region = node.StartCounter();
        region.Tell(new Cmd("carol", 1), ActorRefs.NoSender);
        await node.Probe.WaitForReceivedAsync("carol", 1);

        var active = await region.Ask<EntityLocation>(new GetEntityLocation("carol"), EntityProbe.Timeout);
        var idle = await region.Ask<EntityLocation>(new GetEntityLocation("dave"), EntityProbe.Timeout);

        Assert.Equal(new EntityLocation("carol", ShardingTestSystem.Extractor().ShardId("carol"), node.System.Address, region, true), active);
        Assert.False(idle.IsActive);
        Assert.Equal(ShardingTestSystem.Extractor().ShardId("dave"), idle.ShardId);
        Assert.DoesNotContain(node.Probe.Events.Snapshot(), e => e.EntityId == "dave");
    }

    [Fact]
    public async Task Sharding_envelope_is_unwrapped_for_the_entity()
    {
        await using var node = new ShardingTestSystem();
        var region = node.Sharding.Start("wrapped", Props.Create(() => new TestEntity("any", node.Probe)), ShardingTestSystem.Settings());

        var ack = await region.Ask<Ack>(new ShardingEnvelope("x-1", new Cmd("ignored", 3, Reply: true)), EntityProbe.Timeout);

        Assert.Equal(new Ack("any", 3), ack);
    }

    [Fact]
    public async Task Message_without_entity_id_is_answered_when_asked_and_dead_lettered_otherwise()
    {
        await using var node = new ShardingTestSystem();
        var region = node.StartCounter();

        var failure = await Assert.ThrowsAsync<ShardDeliveryException>(() => region.Ask<object>("no entity here", EntityProbe.Timeout));
        Assert.Contains("names no entity", failure.Message);

        region.Tell(42, ActorRefs.NoSender);
        await node.DeadLetters.WaitForAsync<DeadLetter>(d => d.Message is 42, EntityProbe.Timeout, "a dead letter for the message without entity");
        await node.Log.WaitForAsync("rejected a message", EntityProbe.Timeout);
        Assert.Equal(2, node.Sharding.Statistics(ShardingTestSystem.TypeName).MessagesDropped);
    }

    [Fact]
    public async Task Starting_a_type_twice_returns_the_same_region_and_unknown_types_are_refused()
    {
        await using var node = new ShardingTestSystem();
        var first = node.StartCounter();
        var second = node.StartCounter();

        Assert.Same(first, second);
        Assert.Equal(first, node.Sharding.ShardRegion(ShardingTestSystem.TypeName));
        Assert.Equal("/system/sharding/counter", string.Join("/", first.Path.Elements.Prepend("")));
        var error = Assert.Throws<InvalidOperationException>(() => node.Sharding.ShardRegion("nope"));
        Assert.Contains("'nope' must be started first", error.Message);
        Assert.Contains("counter", error.Message);
    }

    [Fact]
    public async Task Extractor_with_another_shard_count_than_the_settings_is_refused()
    {
        await using var node = new ShardingTestSystem();
        var error = Assert.Throws<ArgumentException>(() => node.Sharding.Start("t", Props.Create(() => new TestEntity("x", node.Probe)),
            ShardingTestSystem.Settings(shards: 10), ShardingTestSystem.Extractor(shards: 12)));
        Assert.Contains("hashes into 12 shards but number-of-shards is 10", error.Message);
    }

    [Fact]
    public async Task Ten_thousand_entities_across_shards_each_get_their_message()
    {
        const int count = 10_000;
        await using var node = new ShardingTestSystem();
        using var received = new CountdownEvent(count);
        var region = node.Sharding.Start("many", Props.Create(() => new CountingEntity(received)),
            ShardingTestSystem.Settings(shards: 100), ShardingTestSystem.Extractor(shards: 100));

        for (var i = 0; i < count; i++) region.Tell(new Cmd($"user-{i}", 1), ActorRefs.NoSender);

        Assert.True(received.Wait(EntityProbe.Timeout), $"expected {count} entities to get their message, {received.CurrentCount} did not");
        var stats = await region.Ask<ShardRegionStats>(GetShardRegionStats.Instance, EntityProbe.Timeout);
        var extractor = ShardingTestSystem.Extractor(shards: 100);
        var expectedShards = Enumerable.Range(0, count).Select(i => extractor.ShardId($"user-{i}")).Distinct().Count();
        Assert.Equal(expectedShards, stats.Stats.Count);
        Assert.Equal(count, stats.EntityCount);
        var counters = node.Sharding.Statistics("many");
        Assert.Equal(count, counters.EntitiesStarted);
        Assert.Equal(count, counters.MessagesDelivered);
    }

    private sealed class CountingEntity(CountdownEvent received) : ActorBase
    {
        protected override bool Receive(object message)
        {
            if (message is not Cmd) return false;
            received.Signal();
            return true;
        }
    }
}
