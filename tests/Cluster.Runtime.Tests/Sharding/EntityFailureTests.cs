using Cluster.Runtime.Kernel;
using Cluster.Runtime.Sharding;
using Cluster.Runtime.Tests.Remoting.Support;
using Cluster.Runtime.Tests.Sharding.Support;
using Cluster.TestSupport;

namespace Cluster.Runtime.Tests.Sharding;

public class EntityFailureTests
{
    [Fact]
    public async Task Crashing_entity_is_restarted_and_keeps_receiving()
    {
        await using var node = new ShardingTestSystem();
        var region = node.StartCounter();
        region.Tell(new Cmd("flaky", 1), ActorRefs.NoSender);
        region.Tell(new Crash("flaky"), ActorRefs.NoSender);
        region.Tell(new Cmd("flaky", 2), ActorRefs.NoSender);

        await node.Probe.WaitForReceivedAsync("flaky", 2);

        var received = node.Probe.Received("flaky");
        Assert.Equal([1, 2], received.Select(r => r.Seq));
        Assert.Equal([1, 2], received.Select(r => r.Incarnation));
        var stats = node.Sharding.Statistics(ShardingTestSystem.TypeName);
        Assert.Equal(1, stats.EntitiesStarted);            // a supervisor restart is not a new start by the shard
        Assert.Equal(0, stats.EntitiesStoppedUnexpectedly);
        await node.Log.WaitForAsync("was told to crash", EntityProbe.Timeout);
    }

    [Fact]
    public async Task Entity_that_stops_on_its_own_is_started_again_by_its_next_message()
    {
        await using var node = new ShardingTestSystem();
        var region = node.StartCounter();
        region.Tell(new Cmd("quitter", 1), ActorRefs.NoSender);
        region.Tell(new StopYourself("quitter"), ActorRefs.NoSender);
        await node.Probe.WaitForAsync<EntityStopped>("quitter", 1, "the entity to stop itself");
        await Eventually.TrueAsync(() => node.Sharding.Statistics(ShardingTestSystem.TypeName).EntitiesStoppedUnexpectedly == 1,
            EntityProbe.Timeout, "the shard to notice the stop");

        region.Tell(new Cmd("quitter", 2), ActorRefs.NoSender);

        await node.Probe.WaitForAsync<EntityReceived>("quitter", 2, "a new incarnation to get message 2");
        Assert.Equal(2, node.Sharding.Statistics(ShardingTestSystem.TypeName).EntitiesStarted);
    }

    [Fact]
    public async Task Restart_backoff_holds_messages_until_it_has_passed()
    {
        var time = new ManualTimeProvider();
        await using var node = new ShardingTestSystem(time: time);
        var region = node.StartCounter(ShardingTestSystem.Settings() with { EntityRestartBackoff = TimeSpan.FromSeconds(3) });
        region.Tell(new Cmd("slow", 1), ActorRefs.NoSender);
        region.Tell(new StopYourself("slow"), ActorRefs.NoSender);
        await node.Probe.WaitForAsync<EntityStopped>("slow", 1, "the entity to stop itself");
        await Eventually.TrueAsync(() => node.Sharding.Statistics(ShardingTestSystem.TypeName).EntitiesStoppedUnexpectedly == 1,
            EntityProbe.Timeout, "the shard to notice the stop");

        region.Tell(new Cmd("slow", 2), ActorRefs.NoSender);
        region.Tell(new Cmd("slow", 3), ActorRefs.NoSender);
        await Eventually.TrueAsync(() => node.Sharding.Statistics(ShardingTestSystem.TypeName).MessagesBuffered == 2, EntityProbe.Timeout,
            "both messages to wait out the backoff");
        Assert.DoesNotContain(node.Probe.Events.Snapshot(), e => e is EntityStarted { Incarnation: 2 });

        time.Advance(TimeSpan.FromSeconds(3));

        await node.Probe.WaitForReceivedAsync("slow", 3);
        Assert.Equal([1, 2, 3], node.Probe.Received("slow").Select(r => r.Seq));
        Assert.Equal([1, 2, 2], node.Probe.Received("slow").Select(r => r.Incarnation));
    }

    [Fact]
    public async Task Entity_whose_props_cannot_be_built_rejects_the_message_and_the_shard_keeps_working()
    {
        await using var node = new ShardingTestSystem();
        var region = node.Sharding.Start("picky", id => id == "bad" ? throw new InvalidOperationException("no props for bad") : TestEntity.PropsFor(id, node.Probe),
            ShardingTestSystem.Settings(), ShardingTestSystem.Extractor());

        var error = await Assert.ThrowsAsync<ShardDeliveryException>(() => region.Ask<Ack>(new Cmd("bad", 1, Reply: true), EntityProbe.Timeout));
        var ack = await region.Ask<Ack>(new Cmd("good", 1, Reply: true), EntityProbe.Timeout);

        Assert.Contains("no props for bad", error.Message);
        Assert.Equal(new Ack("good", 1), ack);
        Assert.Equal(1, node.Sharding.Statistics("picky").MessagesDropped);
    }
}
