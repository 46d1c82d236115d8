using Cluster.Runtime.Kernel;
using Cluster.Runtime.Sharding;
using Cluster.Runtime.Tests.Remoting.Support;
using Cluster.Runtime.Tests.Sharding.Support;
using Cluster.TestSupport;

namespace Cluster.Runtime.Tests.Sharding;

public class PassivationTests
{
    [Fact]
    public async Task Messages_arriving_while_passivating_are_buffered_and_delivered_in_order_to_the_restarted_entity()
    {
        await using var node = new ShardingTestSystem();
        var region = node.StartCounter();
        var probe = node.Probe;
        var release = probe.HoldStop("alice");
        region.Tell(new Cmd("alice", 1), ActorRefs.NoSender);
        await probe.WaitForReceivedAsync("alice", 1);

        region.Tell(new PassivateMe("alice"), ActorRefs.NoSender);
        await probe.WaitForAsync<EntityStopReceived>("alice", 1, "alice to receive its stop message");
        for (var i = 2; i <= 11; i++) region.Tell(new Cmd("alice", i), ActorRefs.NoSender);
        await Eventually.TrueAsync(() => node.Sharding.Statistics(ShardingTestSystem.TypeName).MessagesBuffered == 10, EntityProbe.Timeout,
            "the shard buffers the 10 messages sent while alice is passivating");
        Assert.Single(probe.Received("alice"));

        release.SetResult();
        await probe.WaitForReceivedAsync("alice", 11);

        var received = probe.Received("alice");
        Assert.Equal(Enumerable.Range(1, 11), received.Select(r => r.Seq));
        Assert.Equal(1, received[0].Incarnation);
        Assert.All(received.Skip(1), r => Assert.Equal(2, r.Incarnation));
        var order = probe.Events.Snapshot().Where(e => e.EntityId == "alice").Select(e => e.GetType().Name + e.Incarnation).ToList();
        Assert.True(order.IndexOf("EntityStopped1") < order.IndexOf("EntityStarted2"), "the new incarnation starts only after the old one stopped: " + string.Join(", ", order));
        var stats = node.Sharding.Statistics(ShardingTestSystem.TypeName);
        Assert.Equal(2, stats.EntitiesStarted);
        Assert.Equal(1, stats.EntitiesPassivated);
        Assert.Equal(12, stats.MessagesDelivered);        // 11 commands and PassivateMe
        Assert.Equal(0, stats.MessagesDropped);
    }

    [Fact]
    public async Task Passivated_entity_without_pending_messages_stays_stopped_until_its_next_message()
    {
        await using var node = new ShardingTestSystem();
        var region = node.StartCounter();
        region.Tell(new Cmd("bob", 1), ActorRefs.NoSender);
        region.Tell(new PassivateMe("bob"), ActorRefs.NoSender);
        await node.Probe.WaitForAsync<EntityStopped>("bob", 1, "bob to stop after passivating");

        await Eventually.TrueAsync(() => node.Sharding.Statistics(ShardingTestSystem.TypeName).EntitiesPassivated == 1, EntityProbe.Timeout,
            "the shard to count the passivation");
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, EntityProbe.Timeout);
        Assert.DoesNotContain(state.Shards.Values, ids => ids.Contains("bob"));
        Assert.DoesNotContain(node.Probe.Events.Snapshot(), e => e is EntityStarted { Incarnation: 2 });

        region.Tell(new Cmd("bob", 2), ActorRefs.NoSender);
        await node.Probe.WaitForAsync<EntityReceived>("bob", 2, "bob's second incarnation to get message 2");
    }

    [Fact]
    public async Task Idle_entity_is_passivated_with_the_stop_message_while_a_busy_one_stays()
    {
        var time = new ManualTimeProvider();
        await using var node = new ShardingTestSystem(time: time);
        var settings = ShardingTestSystem.Settings() with { PassivateIdleEntityAfter = TimeSpan.FromSeconds(10) };
        var region = node.StartCounter(settings);
        var extractor = ShardingTestSystem.Extractor();
        // Both in one shard, so one idle check (every 5 s) sees both.
        var quiet = "quiet";
        var busy = Enumerable.Range(0, 1000).Select(i => $"busy-{i}").First(id => extractor.ShardId(id) == extractor.ShardId(quiet));

        region.Tell(new Cmd(quiet, 1), ActorRefs.NoSender);
        await node.Probe.WaitForReceivedAsync(quiet, 1);
        time.Advance(TimeSpan.FromSeconds(6));            // check at 5 s: nobody idle yet
        region.Tell(new Cmd(busy, 1), ActorRefs.NoSender);
        await node.Probe.WaitForReceivedAsync(busy, 1);
        time.Advance(TimeSpan.FromSeconds(5));            // check at 10 s: quiet idle for 10 s, busy for 4 s

        await node.Probe.WaitForAsync<EntityStopReceived>(quiet, 1, "the idle entity to get the stop message");
        await node.Probe.WaitForAsync<EntityStopped>(quiet, 1, "the idle entity to stop");
        await Eventually.TrueAsync(() => node.Sharding.Statistics(ShardingTestSystem.TypeName).EntitiesPassivated == 1, EntityProbe.Timeout,
            "the passivation to be counted");
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, EntityProbe.Timeout);
        Assert.Equal([busy], state.Shards[extractor.ShardId(busy)]);
        var stats = node.Sharding.Statistics(ShardingTestSystem.TypeName);
        Assert.Equal(1, stats.EntitiesPassivatedIdle);
        Assert.DoesNotContain(node.Probe.Events.Snapshot(), e => e is EntityStopReceived && e.EntityId == busy);
    }

    [Fact]
    public async Task With_idle_passivation_off_entities_stay_however_long_they_are_idle()
    {
        var time = new ManualTimeProvider();
        await using var node = new ShardingTestSystem(time: time);
        var region = node.StartCounter(ShardingTestSystem.Settings() with { PassivateIdleEntityAfter = null });
        region.Tell(new Cmd("stays", 1), ActorRefs.NoSender);
        await node.Probe.WaitForReceivedAsync("stays", 1);

        time.Advance(TimeSpan.FromHours(10));
        // A query goes through the shard's mailbox after anything the advance could have queued there.
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, EntityProbe.Timeout);

        Assert.Contains("stays", state.Shards.Values.SelectMany(ids => ids));
        Assert.Equal(0, node.Sharding.Statistics(ShardingTestSystem.TypeName).EntitiesPassivated);
    }
}
