using Cluster.Runtime.Kernel;
using Cluster.Runtime.Sharding;
using Cluster.Runtime.Tests.Sharding.Support;

namespace Cluster.Runtime.Tests.Sharding;

public class BufferAndShutdownTests
{
    [Fact]
    public async Task Region_buffer_overflow_fails_asks_and_dead_letters_tells_with_a_log_line()
    {
        await using var node = new ShardingTestSystem();
        var locator = new MovableShardLocator();
        var shard = ShardingTestSystem.Extractor().ShardId("waiting");
        locator.BeginMove(shard);                       // the home of the shard stays unknown
        var region = node.StartCounter(ShardingTestSystem.Settings() with { BufferSize = 3 }, locator);

        for (var i = 1; i <= 3; i++) region.Tell(new Cmd("waiting", i), ActorRefs.NoSender);
        var asked = await Assert.ThrowsAsync<ShardBufferFullException>(() => region.Ask<Ack>(new Cmd("waiting", 4, Reply: true), EntityProbe.Timeout));
        region.Tell(new Cmd("waiting", 5), ActorRefs.NoSender);

        Assert.Contains("buffer-size", asked.Message);
        await node.DeadLetters.WaitForAsync<DeadLetter>(d => d.Message is Cmd { Seq: 5 }, EntityProbe.Timeout, "a dead letter for message 5");
        await node.Log.WaitForAsync("rejected a message: \"the sharding region of counter already buffers 3 messages", EntityProbe.Timeout);
        Assert.DoesNotContain(node.DeadLetters.Snapshot(), d => d.Message is Cmd { Seq: 4 });
        var stats = node.Sharding.Statistics(ShardingTestSystem.TypeName);
        Assert.Equal(3, stats.MessagesBuffered);
        Assert.Equal(2, stats.MessagesDropped);

        locator.CompleteMove(shard, region);
        await node.Probe.WaitForReceivedAsync("waiting", 3);
        Assert.Equal([1, 2, 3], node.Probe.Received("waiting").Select(r => r.Seq));
    }

    [Fact]
    public async Task Shard_buffer_overflow_while_passivating_rejects_the_excess()
    {
        await using var node = new ShardingTestSystem();
        var region = node.StartCounter(ShardingTestSystem.Settings() with { BufferSize = 2 });
        var release = node.Probe.HoldStop("slowpoke");
        region.Tell(new PassivateMe("slowpoke"), ActorRefs.NoSender);
        await node.Probe.WaitForAsync<EntityStopReceived>("slowpoke", 1, "the entity to start passivating");

        for (var i = 1; i <= 3; i++) region.Tell(new Cmd("slowpoke", i), ActorRefs.NoSender);
        await node.DeadLetters.WaitForAsync<DeadLetter>(d => d.Message is Cmd { Seq: 3 }, EntityProbe.Timeout, "message 3 to be dead-lettered");
        release.SetResult();

        await node.Probe.WaitForReceivedAsync("slowpoke", 2);
        Assert.Equal([1, 2], node.Probe.Received("slowpoke").Select(r => r.Seq));
        Assert.Equal(1, node.Sharding.Statistics(ShardingTestSystem.TypeName).MessagesDropped);
    }

    [Fact]
    public async Task Coordinated_shutdown_hands_off_every_entity_with_its_stop_message()
    {
        var node = new ShardingTestSystem();
        var region = node.StartCounter();
        var ids = Enumerable.Range(0, 20).Select(i => $"member-{i}").ToArray();
        foreach (var id in ids) region.Tell(new Cmd(id, 1), ActorRefs.NoSender);
        foreach (var id in ids) await node.Probe.WaitForReceivedAsync(id, 1);

        await node.System.Terminate().WaitAsync(EntityProbe.Timeout);

        var events = node.Probe.Events.Snapshot();
        foreach (var id in ids)
        {
            var mine = events.Where(e => e.EntityId == id).ToList();
            Assert.IsType<EntityStopReceived>(mine[^2]);
            Assert.IsType<EntityStopped>(mine[^1]);
        }
        Assert.Contains(node.Log.Lines, l => l.Contains("Sharding region \"counter\" stopped 20 entities", StringComparison.Ordinal));
        Assert.Equal(20, node.Sharding.Statistics(ShardingTestSystem.TypeName).EntitiesHandedOff);
    }

    [Fact]
    public async Task Messages_sent_during_graceful_shutdown_are_rejected()
    {
        await using var node = new ShardingTestSystem();
        var region = node.StartCounter();
        var release = node.Probe.HoldStop("lingering");
        region.Tell(new Cmd("lingering", 1), ActorRefs.NoSender);
        await node.Probe.WaitForReceivedAsync("lingering", 1);

        region.Tell(GracefulShutdown.Instance, ActorRefs.NoSender);
        await node.Probe.WaitForAsync<EntityStopReceived>("lingering", 1, "the entity to get its stop message");
        var error = await Assert.ThrowsAsync<ShardDeliveryException>(() => region.Ask<Ack>(new Cmd("lingering", 2, Reply: true), EntityProbe.Timeout));
        release.SetResult();

        Assert.Contains("shutting down", error.Message);
        await node.Probe.WaitForAsync<EntityStopped>("lingering", 1, "the entity to stop");
    }
}
