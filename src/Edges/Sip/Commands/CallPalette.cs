using Cluster.Actors.Calls;
using Cluster.Actors.Calls.Entity;
using Cluster.Runtime.Commands;

namespace Cluster.Edges.Sip.Commands;

/// <summary>
/// <c>uc call list</c> (live calls on this node, then records of ended calls, newest first) and
/// <c>uc call show &lt;call-id&gt;</c> (what the call's entity says: phase, parties, hold, legs; or the record of an
/// ended call). Both take the shell's <c>--json</c>.
/// </summary>
public static class CallPalette
{
    public static CommandPalette Create(ICallGateway calls, ICallListing listing)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(listing);
        return new CommandPalette("call", "Calls (live and recorded)",
        [
            new CommandDefinition("list", "Live calls on this node, then the most recently ended calls", async (invocation, output, _) =>
            {
                var limit = invocation.IntOption("limit", 50, min: 1, max: CallListing.Capacity);
                var onlyActive = invocation.Flag("active");
                var onlyEnded = invocation.Flag("ended");
                if (onlyActive && onlyEnded) throw new CommandUsageException("--active and --ended exclude each other");
                var rows = new List<CallListingEntry>();
                if (!onlyEnded) rows.AddRange(listing.Active().Take(limit));
                if (!onlyActive && rows.Count < limit) rows.AddRange(listing.Recent(limit - rows.Count).Select(CallListingEntry.Of));
                var table = new CommandTable("call-id", "phase", "caller", "callee", "started", "answered", "ended", "reason");
                foreach (var c in rows)
                    table.AddRow(c.CallId, Kebab(c.Phase), c.Caller?.Uri, c.Callee?.Uri, c.StartedAt, c.AnsweredAt, c.EndedAt, c.EndReason is { } r ? Kebab(r) : null);
                await output.WriteTableAsync(table);
            }, options: [
                CommandOption.Value("limit", "most calls to list (default 50)", 'l', valueName: "n"),
                CommandOption.Flag("active", "only live calls"),
                CommandOption.Flag("ended", "only ended calls (records)"),
            ]),

            new CommandDefinition("show", "One call: phase, parties, hold, legs and its record once ended", async (invocation, output, ct) =>
            {
                var callId = invocation.Argument("call-id")!;
                CallView view;
                try
                {
                    view = await calls.DescribeAsync(callId, ct);
                }
                catch (CallGatewayException e)
                {
                    throw new CommandFailedException($"call {callId} did not answer: {e.Message}");
                }

                var record = view.Record ?? listing.Record(callId);
                if (!view.Exists && record is null) throw new CommandFailedException($"no such call {callId}");
                if (!view.Exists)
                {
                    await WriteRecordAsync(output, record!);
                    return;
                }

                await output.WriteSectionAsync(callId,
                [
                    new("phase", Kebab(view.Phase)),
                    new("kind", Kebab(view.Kind)),
                    new("caller", view.Caller?.ToString()),
                    new("callee", view.Callee?.ToString()),
                    new("started", view.StartedAt),
                    new("answered", view.AnsweredAt),
                    new("ended", view.EndedAt),
                    new("held by caller", view.HeldByA),
                    new("held by callee", view.HeldByB),
                    new("transfer", view.Transfer is null ? null : "in progress"),
                    new("next deadline", view.NextDeadline),
                    new("end reason", record is null ? null : Kebab(record.EndReason)),
                    new("final status", record?.FinalStatus),
                    new("disconnected by", record is null ? null : Kebab(record.DisconnectedBy)),
                ]);
                var legs = new CommandTable("leg", "side", "direction", "kind", "target", "user", "node", "status", "created", "answered", "ended", "final")
                {
                    Title = "legs",
                };
                foreach (var l in view.Legs)
                    legs.AddRow(l.LegId, Kebab(l.Side), Kebab(l.Direction), Kebab(l.Kind), l.TargetUri, l.User?.ToString(), l.NodeId, Kebab(l.Status),
                        l.CreatedAt, l.AnsweredAt, l.EndedAt, l.FinalStatus);
                await output.WriteTableAsync(legs);
            }, [new CommandArgument("call-id", "the call id (the caller's SIP Call-ID)")]),
        ]);
    }

    private static async Task WriteRecordAsync(CommandOutput output, CallRecord record)
    {
        await output.WriteSectionAsync(record.CallId,
        [
            new("phase", "ended"),
            new("kind", Kebab(record.Kind)),
            new("caller", record.Caller.ToString()),
            new("callee", record.Callee.ToString()),
            new("answered by", record.AnsweredBy?.ToString()),
            new("started", record.StartedAt),
            new("answered", record.AnsweredAt),
            new("ended", record.EndedAt),
            new("ring seconds", record.RingSeconds),
            new("talk seconds", record.TalkSeconds),
            new("end reason", Kebab(record.EndReason)),
            new("final status", record.FinalStatus),
            new("disconnected by", Kebab(record.DisconnectedBy)),
            new("nodes", string.Join(", ", record.Nodes)),
            new("transfers", record.Transfers),
        ]);
        var legs = new CommandTable("leg", "side", "direction", "kind", "target", "user", "node", "created", "answered", "ended", "final") { Title = "legs" };
        foreach (var l in record.Legs)
            legs.AddRow(l.LegId, Kebab(l.Side), Kebab(l.Direction), Kebab(l.Kind), l.TargetUri, l.User?.ToString(), l.NodeId, l.CreatedAt, l.AnsweredAt,
                l.EndedAt, l.FinalStatus);
        await output.WriteTableAsync(legs);
    }

    /// <summary>Enum values as the journal writes them (kebab-case): <c>EarlyMedia</c> → <c>early-media</c>.</summary>
    private static string Kebab<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var chars = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) chars.Append('-');
            chars.Append(char.ToLowerInvariant(name[i]));
        }

        return chars.ToString();
    }
}
