using Cluster.Runtime.Kernel;
using Cluster.Runtime.Tests.Sharding.Cluster.Support;
using Cluster.TestSupport;

namespace Cluster.Runtime.Tests.Sharding.Cluster;

/// <summary>Placement by rendezvous hashing across simulated nodes, and what moves when a node joins.</summary>
[Collection(PostgresServer.Collection)]
public sealed class ClusterPlacementTests(PostgresServer server)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Entities_live_on_their_rendezvous_owner_and_are_reached_through_every_nodes_region()
    {
        await using var cluster = await PlacementTestCluster.CreateAsync(server);
        var a = await cluster.StartNodeAsync("a");
        var b = await cluster.StartNodeAsync("b");
        var c = await cluster.StartNodeAsync("c");
        PlacementNode[] all = [a, b, c];
        await PlacementTestCluster.WaitAllUpAsync(all);
        var ids = Enumerable.Range(0, 30).Select(i => $"spread-{i}").ToArray();

        foreach (var id in ids)
        {
            var home = PlacementTestCluster.ExpectedHome(id, all);
            await PlacementTestCluster.WaitForAnswerFromAsync(a, id, home);
            var sequence = 0L;
            foreach (var via in all)
            {
                var ack = await via.Region.Ask<CounterAck>(new Increment(id), AskTimeout);
                Assert.Equal(home, ack.Node);
                Assert.Equal(++sequence, ack.Value);
            }
        }

        var homes = ids.Select(id => PlacementTestCluster.ExpectedHome(id, all)).ToList();
        Assert.True(homes.Distinct().Count() == 3, $"30 entities should spread over all three nodes, got {string.Join(", ", homes.GroupBy(h => h).Select(g => $"{g.Key}: {g.Count()}"))}");
        foreach (var node in all)
        {
            var hosted = await node.HostedShardsAsync();
            var expected = ids.Where(id => PlacementTestCluster.ExpectedHome(id, all) == node.Name).Select(PlacementTestCluster.Extractor.ShardId).ToHashSet();
            Assert.Equal(expected.Order(), hosted.Order());
        }
        Assert.True(cluster.ActivationsChecked >= ids.Length, "every activation must have been checked by the detector");
        Assert.Equal(0, cluster.DoubleActivations);
    }

    [Fact]
    public async Task Joining_node_takes_over_only_the_shards_that_hash_to_it_and_entities_recover_their_state()
    {
        await using var cluster = await PlacementTestCluster.CreateAsync(server);
        var a = await cluster.StartNodeAsync("a");
        var b = await cluster.StartNodeAsync("b");
        await PlacementTestCluster.WaitAllUpAsync([a, b]);
        var ids = Enumerable.Range(0, 40).Select(i => $"join-{i}").ToArray();
        foreach (var id in ids)
        {
            await PlacementTestCluster.WaitForAnswerFromAsync(a, id, PlacementTestCluster.ExpectedHome(id, [a, b]));
            for (var i = 0; i < 3; i++) await (i % 2 == 0 ? a : b).Region.Ask<CounterAck>(new Increment(id), AskTimeout);
        }
        var before = new Dictionary<string, string>();
        foreach (var node in new[] { a, b })
            foreach (var shard in await node.HostedShardsAsync()) before[shard] = node.Name;
        var activationsBeforeJoin = cluster.Activations.Count;

        var c = await cluster.StartNodeAsync("c");
        PlacementNode[] all = [a, b, c];
        await PlacementTestCluster.WaitAllUpAsync(all);

        var moving = ids.Where(id => PlacementTestCluster.ExpectedHome(id, all) == "c").ToList();
        Assert.NotEmpty(moving);
        foreach (var id in ids)
        {
            var answer = await PlacementTestCluster.WaitForAnswerFromAsync(b, id, PlacementTestCluster.ExpectedHome(id, all));
            Assert.Equal(3, answer.Value);
        }
        var after = new Dictionary<string, string>();
        foreach (var node in all)
            foreach (var shard in await node.HostedShardsAsync()) after[shard] = node.Name;

        foreach (var (shard, owner) in after)
        {
            // A shard either stayed where it was or moved to the new node: never between the old ones.
            if (before.TryGetValue(shard, out var previous) && previous != owner)
                Assert.True(owner == "c", $"shard {shard} moved from {previous} to {owner}; only moves to the joining node are allowed");
        }
        Assert.Equal(moving.Select(PlacementTestCluster.Extractor.ShardId).Distinct().Order(), after.Where(kv => kv.Value == "c").Select(kv => kv.Key).Order());
        var sinceJoin = cluster.Activations.Snapshot().Skip(activationsBeforeJoin).ToList();
        Assert.All(sinceJoin, e => Assert.Contains(e.EntityId, moving));
        Assert.All(sinceJoin.Where(e => e.Started), e => Assert.Equal("c", e.Node));
        Assert.Equal(0, cluster.DoubleActivations);
    }
}
