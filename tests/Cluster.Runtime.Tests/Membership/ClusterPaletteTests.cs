using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Cluster.Runtime.Commands;
using Cluster.Runtime.Commands.Parsing;
using Cluster.Runtime.Membership;
using Cluster.TestSupport;

namespace Cluster.Runtime.Tests.Membership;

[Collection(PostgresServer.Collection)]
public sealed class ClusterPaletteTests(PostgresServer server)
{
    private static Task Run(CommandPalette palette, CommandOutput output, CancellationToken ct, params string[] argv)
    {
        var command = palette.FindCommand(argv[0])!;
        var invocation = CommandLineParser.Parse(palette.Name, command, argv.Skip(1).ToArray(), output.IsJson);
        return command.Handler(invocation, output, ct);
    }

    private static async Task<(MembershipTestCluster, TestNode, TestNode)> TwoNodesAsync(PostgresServer server)
    {
        var cluster = new MembershipTestCluster(server);
        var a = await cluster.JoinNodeAsync("a", ["backend", "sip"]);
        await a.WaitUpAsync(a.Self);
        var b = await cluster.JoinNodeAsync("b", ["web"]);
        await a.WaitUpAsync(b.Self);
        return (cluster, a, b);
    }

    [Fact]
    public async Task Show_lists_members_as_a_table_and_as_json()
    {
        var (cluster, a, b) = await TwoNodesAsync(server);
        await using var _c = cluster;
        var palette = ClusterPalette.Create(a.Membership);

        var text = new ConcurrentOutput(isJson: false);
        await Run(palette, text, CancellationToken.None, "show");
        var table = Assert.IsType<CommandTable>(Assert.Single(text.Items));
        Assert.Equal(["address", "uid", "node", "status", "roles", "reachable", "app-version", "up-number", "heartbeat-age-ms", "leader"], table.Columns);
        Assert.Equal("2 member(s)", table.Title);
        Assert.Equal([a.Self.Address.ToString(), a.Self.Uid, "a", MemberStatus.Up, "backend,sip", true, "1.2.3"], table.Rows[0].Take(7));
        Assert.Equal(true, table.Rows[0][9]);
        Assert.Equal([b.Self.Address.ToString(), "b", MemberStatus.Up, "web", false], new[] { table.Rows[1][0], table.Rows[1][2], table.Rows[1][3], table.Rows[1][4], table.Rows[1][9] });

        var json = new ConcurrentOutput(isJson: true);
        await Run(palette, json, CancellationToken.None, "show");
        var array = CommandJson.TableToJson(Assert.IsType<CommandTable>(Assert.Single(json.Items)));
        Assert.Equal(2, array.Count);
        Assert.Equal("Up", array[0]!["status"]!.GetValue<string>());
        Assert.Equal(["backend", "sip"], array[0]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(b.Self.Uid, array[1]!["uid"]!.GetValue<long>());
    }

    [Fact]
    public async Task Status_and_leader_describe_this_node()
    {
        var (cluster, a, b) = await TwoNodesAsync(server);
        await using var _c = cluster;
        var output = new ConcurrentOutput(isJson: false);
        await Run(ClusterPalette.Create(b.Membership), output, CancellationToken.None, "status");
        var self = Assert.IsAssignableFrom<JsonObject>(Assert.Single(output.Items))["self"]!;
        Assert.Equal(b.Self.Address.ToString(), self["address"]!.GetValue<string>());
        Assert.Equal("Up", self["status"]!.GetValue<string>());
        Assert.False(self["leader"]!.GetValue<bool>());
        Assert.Equal("web", self["roles"]!.GetValue<string>());

        var leader = new ConcurrentOutput(isJson: false);
        await Run(ClusterPalette.Create(b.Membership), leader, CancellationToken.None, "leader");
        Assert.Equal($"Leader: {a.Self}", Assert.Single(leader.Items));
        var leaderJson = new ConcurrentOutput(isJson: true);
        await Run(ClusterPalette.Create(b.Membership), leaderJson, CancellationToken.None, "leader");
        Assert.Equal(a.Self.ToString(), ((JsonObject)Assert.Single(leaderJson.Items))["leader"]!.GetValue<string>());
    }

    [Fact]
    public async Task Down_and_leave_validate_the_address_and_report_unknown_members()
    {
        var (cluster, a, b) = await TwoNodesAsync(server);
        await using var _c = cluster;
        var palette = ClusterPalette.Create(a.Membership);
        var usage = await Assert.ThrowsAsync<CommandUsageException>(() => Run(palette, new ConcurrentOutput(false), CancellationToken.None, "down", "nohost"));
        Assert.Contains("host:port", usage.Message);
        var failed = await Assert.ThrowsAsync<CommandFailedException>(() => Run(palette, new ConcurrentOutput(false), CancellationToken.None, "down", "10.9.9.9:1"));
        Assert.Equal("no live member at 10.9.9.9:1: it is not a member, or already down or removed", failed.Message);

        var output = new ConcurrentOutput(isJson: false);
        await Run(palette, output, CancellationToken.None, "leave", b.Self.Address.ToString());
        Assert.Equal($"Member {b.Self.Address} is leaving; its shards are handed off before it exits", Assert.Single(output.Items));
        await b.Membership.WhenRemoved.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Tail_streams_membership_events_until_cancelled()
    {
        var (cluster, a, b) = await TwoNodesAsync(server);
        await using var _c = cluster;
        var output = new ConcurrentOutput(isJson: true);
        using var stop = new CancellationTokenSource();
        var tail = Run(ClusterPalette.Create(a.Membership), output, stop.Token, "tail");
        var bSelf = b.Self;
        await a.Membership.DownAsync(bSelf.Address);

        var downed = await output.WaitForAsync(n => n is JsonObject o && o["event"]?.GetValue<string>() == "MemberDowned");
        Assert.Equal(bSelf.Address.ToString(), downed["address"]!.GetValue<string>());
        Assert.Equal(bSelf.Uid, downed["uid"]!.GetValue<long>());
        Assert.Equal("Down", downed["status"]!.GetValue<string>());
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tail);
        Assert.DoesNotContain(output.Items, i => i is JsonObject o && o["event"]?.GetValue<string>() == nameof(CurrentClusterState));
    }

    /// <summary>Thread-safe recording output whose writes can be awaited (the tail handler writes from the membership loop's events).</summary>
    private sealed class ConcurrentOutput(bool isJson) : CommandOutput
    {
        private readonly ConcurrentQueue<object> items = new();
        private readonly SemaphoreSlim written = new(0);

        public IReadOnlyList<object> Items => items.ToList();

        public override bool IsJson => isJson;

        public override ValueTask WriteTableAsync(CommandTable table) => Add(table);

        public override ValueTask WriteSectionAsync(string? title, IReadOnlyList<KeyValuePair<string, object?>> entries) =>
            Add(CommandJson.SectionToJson(title, entries));

        public override ValueTask WriteLineAsync(string text) => Add(text);

        public override ValueTask WriteJsonAsync(JsonNode? value) => Add(value!);

        private ValueTask Add(object item)
        {
            items.Enqueue(item);
            written.Release();
            return ValueTask.CompletedTask;
        }

        public async Task<JsonNode> WaitForAsync(Func<JsonNode, bool> match)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (true)
            {
                if (items.OfType<JsonNode>().FirstOrDefault(match) is { } found) return found;
                try
                {
                    await written.WaitAsync(deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"expected a matching JSON event within 20 s; got: {string.Join(", ", items)}");
                }
            }
        }
    }
}
