using Cluster.Edges.Media;
using Cluster.Edges.Media.Ports;
using Cluster.Edges.Media.Rtcp;
using Cluster.Edges.Media.Shell;
using Cluster.Edges.Tests.Media.Support;
using Cluster.Runtime.Commands;
using Cluster.Runtime.Commands.Parsing;

namespace Cluster.Edges.Tests.Media.Shell;

public sealed class MediaPaletteTests
{
    private static readonly MediaSlotUsage Node1 = new("node-1", new MediaPortRange(30000, 33000), 750, 1, 749, 0,
    [
        new MediaSlotInfo("call-1", "node-2", new MediaSlotPorts(0, 30000), TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(1), false,
            "198.51.100.10:49170", null, 4500, 0, 3),
    ]);

    private static readonly MediaSlotUsage Node2 = new("node-2", new MediaPortRange(30000, 33000), 750, 0, 750, 2, []);

    private static async Task<RecordingOutput> Run(MediaPaletteBindings bindings, bool json, params string[] argv)
    {
        var palette = MediaPalette.Create(bindings);
        var command = palette.FindCommand(argv[0])!;
        var output = new RecordingOutput(json);
        await command.Handler(CommandLineParser.Parse(palette.Name, command, argv[1..], json), output, CancellationToken.None);
        return output;
    }

    private static MediaPaletteBindings Bindings(MediaStatisticsSnapshot? stats = null) => new(
        (withCalls, _) => Task.FromResult<IReadOnlyList<MediaSlotUsage>>(withCalls ? [Node1, Node2] : [Node1 with { Slots = [] }, Node2]),
        (_, _) => Task.FromResult(stats));

    [Fact]
    public async Task Ports_lists_used_and_free_slots_per_node()
    {
        var output = await Run(Bindings(), json: false, "ports");
        var table = Assert.Single(output.Tables);
        Assert.Equal(["node", "range", "slots", "used", "free", "bind-failures"], table.Columns);
        Assert.Equal(["node-1", "30000-33000", 750, 1, 749, 0L], table.Rows[0]);
        Assert.Equal(["node-2", "30000-33000", 750, 0, 750, 2L], table.Rows[1]);
    }

    [Fact]
    public async Task Ports_with_calls_lists_who_holds_slots_as_json_objects()
    {
        var output = await Run(Bindings(), json: true, "ports", "--calls");
        Assert.Equal(2, output.Tables.Count);
        var json = CommandJson.TableToJson(output.Tables[1]);
        var row = Assert.Single(json)!;
        Assert.Equal("call-1", (string?)row["call"]);
        Assert.Equal("30000-30003", (string?)row["ports"]);
        Assert.Equal(3, (long?)row["hijack-drops"]);
        Assert.Equal(90, (long?)row["age-s"]);
    }

    [Fact]
    public async Task Stats_of_unknown_call_fails_with_the_call_id()
    {
        var error = await Assert.ThrowsAsync<CommandFailedException>(() => Run(Bindings(), false, "stats", "nope"));
        Assert.Contains("nope", error.Message);
    }

    [Fact]
    public async Task Stats_show_both_legs_and_the_verdict()
    {
        var leg = MediaLegStatisticsSnapshot.Empty with { Reports = 1, JitterMs = 25, LossPercent = 0.5, RoundTripMs = 40, LastReportAge = TimeSpan.FromSeconds(1) };
        var verdict = MediaQualityVerdict.Evaluate(leg, leg, new MediaQualityThresholds(), TimeSpan.FromSeconds(5));
        var output = await Run(Bindings(new MediaStatisticsSnapshot("c", leg, leg, verdict)), false, "stats", "c");
        Assert.Equal(["A", "B"], output.Tables[0].Rows.Select(r => (string)r[0]!));
        var section = output.Sections.Single()["Verdict"]!;
        Assert.Equal("Poor", (string?)section["quality"]);
        Assert.Contains("jitter 25 ms > 20 ms", (string?)section["reasons"]);
    }
}
