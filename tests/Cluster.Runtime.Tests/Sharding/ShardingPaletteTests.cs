using System.Text.Json.Nodes;
using Cluster.Runtime.Commands;
using Cluster.Runtime.Commands.Parsing;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Sharding;
using Cluster.Runtime.Tests.Commands;
using Cluster.Runtime.Tests.Sharding.Support;
using Cluster.TestSupport;

namespace Cluster.Runtime.Tests.Sharding;

public class ShardingPaletteTests
{
    private static Task Run(CommandPalette palette, CommandOutput output, params string[] argv)
    {
        var command = palette.FindCommand(argv[0])!;
        var invocation = CommandLineParser.Parse(palette.Name, command, argv.Skip(1).ToArray(), output.IsJson);
        return command.Handler(invocation, output, CancellationToken.None);
    }

    private static async Task<(ShardingTestSystem Node, CommandPalette Palette)> StartWithEntitiesAsync(params string[] ids)
    {
        var node = new ShardingTestSystem("palette");
        var region = node.StartCounter();
        foreach (var id in ids) region.Tell(new Cmd(id, 1), ActorRefs.NoSender);
        foreach (var id in ids) await node.Probe.WaitForReceivedAsync(id, 1);
        return (node, ShardingPalette.Create(node.System));
    }

    [Fact]
    public async Task Regions_lists_each_type_with_shards_entities_and_counters()
    {
        var (node, palette) = await StartWithEntitiesAsync("a", "b", "c");
        await using var _ = node;
        var output = new RecordingOutput();

        await Run(palette, output, "regions");

        var table = Assert.Single(output.Tables);
        Assert.Equal(["type", "shards", "entities", "started", "passivated", "delivered", "buffered", "dropped"], table.Columns);
        var shards = new[] { "a", "b", "c" }.Select(ShardingTestSystem.Extractor().ShardId).Distinct().Count();
        Assert.Equal(new object?[] { "counter", shards, 3, 3L, 0L, 3L, 0L, 0L }, table.Rows.Single());
    }

    [Fact]
    public async Task Region_stats_shows_shards_and_entities_per_node_and_per_shard()
    {
        var (node, palette) = await StartWithEntitiesAsync("a", "b", "c", "d");
        await using var _ = node;
        var perNode = new RecordingOutput();
        var perShard = new RecordingOutput();

        await Run(palette, perNode, "region-stats", "-r", "counter");
        await Run(palette, perShard, "region-stats", "--region", "counter", "--shards");

        var nodes = Assert.Single(perNode.Tables);
        Assert.Equal(["node", "shards", "entities", "unanswered"], nodes.Columns);
        var shardCount = new[] { "a", "b", "c", "d" }.Select(ShardingTestSystem.Extractor().ShardId).Distinct().Count();
        Assert.Equal(new object?[] { "uc://palette", shardCount, 4, 0 }, nodes.Rows.Single());
        var rows = Assert.Single(perShard.Tables).Rows;
        Assert.Equal(shardCount, rows.Count);
        Assert.Equal(4, rows.Sum(r => (int)r[2]!));
    }

    [Fact]
    public async Task Where_reports_shard_node_and_activity_as_json()
    {
        var (node, palette) = await StartWithEntitiesAsync("alice@example.com");
        await using var _ = node;
        var output = new RecordingOutput(isJson: true);

        await Run(palette, output, "where", "-r", "counter", "alice@example.com");
        await Run(palette, output, "where", "-r", "counter", "nobody@example.com");

        var active = Assert.IsAssignableFrom<JsonObject>(output.Items[0]);
        var inactive = Assert.IsAssignableFrom<JsonObject>(output.Items[1]);
        Assert.Equal("alice@example.com", (string?)active["entity"]);
        Assert.Equal(ShardingTestSystem.Extractor().ShardId("alice@example.com"), (string?)active["shard"]);
        Assert.Equal("uc://palette", (string?)active["node"]);
        Assert.True((bool?)active["active"]);
        Assert.False((bool?)inactive["active"]);
    }

    [Fact]
    public async Task Unknown_type_fails_naming_the_started_types()
    {
        var (node, palette) = await StartWithEntitiesAsync();
        await using var _ = node;

        var error = await Assert.ThrowsAsync<CommandFailedException>(() => Run(palette, new RecordingOutput(), "where", "-r", "calls", "x"));

        Assert.Equal("no sharding region of type 'calls' on this node; started types: counter", error.Message);
    }
}
