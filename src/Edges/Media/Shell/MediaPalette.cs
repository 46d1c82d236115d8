using Cluster.Edges.Media.Rtcp;
using Cluster.Runtime.Commands;

namespace Cluster.Edges.Media.Shell;

/// <summary>
/// The <c>rtp</c> palette of the <c>uc</c> shell: used and free media slots per node (<c>rtp ports</c>) and one
/// call's media statistics with its VoIP-ready verdict (<c>rtp stats</c>). Tables become JSON arrays with --json.
/// </summary>
public static class MediaPalette
{
    public const string Name = "rtp";

    public static CommandPalette Create(MediaPaletteBindings bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        return new CommandPalette(Name, "RTP media slots and media quality",
        [
            new CommandDefinition("ports", "Used and free media slots per node (4 ports per call)",
                async (invocation, output, cancellationToken) =>
                {
                    var withCalls = invocation.Flag("calls");
                    var usages = await bindings.GetUsage(withCalls, cancellationToken).ConfigureAwait(false);
                    var table = new CommandTable("node", "range", "slots", "used", "free", "bind-failures");
                    foreach (var u in usages)
                        table.AddRow(u.Node, u.Range.ToString(), u.Capacity, u.Used, u.Free, u.BindFailures);
                    await output.WriteTableAsync(table).ConfigureAwait(false);
                    if (!withCalls)
                        return;
                    var calls = new CommandTable("node", "call", "signalling", "ports", "age-s", "idle-s", "hold", "latched-a", "latched-b", "packets-a", "packets-b", "hijack-drops")
                    {
                        Title = "Used slots",
                    };
                    foreach (var u in usages)
                    {
                        var limit = invocation.IntOption("limit", 100, min: 1, max: 100_000);
                        foreach (var s in u.Slots.Take(limit))
                        {
                            calls.AddRow(u.Node, s.CallId, s.SignallingNode, s.Ports.ToString(), (long)s.Age.TotalSeconds, (long)s.Idle.TotalSeconds,
                                s.OnHold, s.LatchedA, s.LatchedB, s.PacketsA, s.PacketsB, s.HijackDrops);
                        }
                    }
                    await output.WriteTableAsync(calls).ConfigureAwait(false);
                },
                options:
                [
                    CommandOption.Flag("calls", "also list the calls holding slots", 'c'),
                    CommandOption.Value("limit", "most calls to list per node (default 100)", 'l', valueName: "n"),
                ]),

            new CommandDefinition("stats", "Media statistics and VoIP-ready verdict of one call",
                async (invocation, output, cancellationToken) =>
                {
                    var callId = invocation.Argument("call-id")!;
                    var stats = await bindings.GetStatistics(callId, cancellationToken).ConfigureAwait(false)
                        ?? throw new CommandFailedException($"no media slot on this node for call {callId}");
                    var table = new CommandTable("leg", "rtp-in", "rtcp-in", "sent", "hijack-drops", "reports", "jitter-ms", "loss-%", "cum-lost", "rtt-ms");
                    AddLeg(table, "A", stats.LegA);
                    AddLeg(table, "B", stats.LegB);
                    await output.WriteTableAsync(table).ConfigureAwait(false);
                    await output.WriteSectionAsync("Verdict",
                    [
                        new("quality", stats.Verdict.Quality.ToString()),
                        new("voip-ready", stats.Verdict.IsVoipReady),
                        new("reasons", stats.Verdict.Reasons.Count == 0 ? "-" : string.Join("; ", stats.Verdict.Reasons)),
                    ]).ConfigureAwait(false);
                },
                arguments: [new CommandArgument("call-id", "the call's id (SIP Call-ID of the anchored call)")]),
        ]);
    }

    private static void AddLeg(CommandTable table, string leg, MediaLegStatisticsSnapshot s) =>
        table.AddRow(leg, s.RtpPacketsReceived, s.RtcpPacketsReceived, s.PacketsSent, s.HijackDrops, s.Reports,
            Round(s.JitterMs), Round(s.LossPercent), s.CumulativeLost, Round(s.RoundTripMs));

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;
}
