using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Cluster.Runtime.Commands;
using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Membership;

/// <summary>
/// The <c>cluster</c> palette of the <c>uc</c> shell (Petabridge.Cmd's <c>cluster show/leave/down/tail</c>): what the
/// membership table says, who leads, and the two operator decisions membership allows, leave and down.
/// </summary>
public static class ClusterPalette
{
    /// <summary>Creates the palette over this node's membership.</summary>
    /// <param name="membership">The node's membership service.</param>
    /// <param name="tailBuffer">Events buffered per <c>cluster tail</c> before new ones are dropped (and counted).</param>
    public static CommandPalette Create(ClusterMembership membership, int tailBuffer = 1024)
    {
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentOutOfRangeException.ThrowIfLessThan(tailBuffer, 1);
        return new CommandPalette("cluster", "Cluster membership: members, leader, leave, down, events",
        [
            new CommandDefinition("show", "List the members with status, roles, reachability and application version",
                (_, output, ct) => ShowAsync(membership, output, ct)),
            new CommandDefinition("status", "Show this node's own membership status",
                (_, output, ct) => StatusAsync(membership, output, ct)),
            new CommandDefinition("leader", "Show the current leader (oldest Up member)",
                (_, output, ct) => LeaderAsync(membership, output, ct)),
            new CommandDefinition("leave", "Leave the cluster gracefully (this node, or the member at the given address)",
                (invocation, output, ct) => LeaveAsync(membership, invocation, output, ct),
                arguments: [new CommandArgument("address", "host:port of the member (default: this node)", isRequired: false)]),
            new CommandDefinition("down", "Mark a member Down now; its shards move at once. Only for nodes known to be stopped",
                (invocation, output, ct) => DownAsync(membership, invocation, output, ct),
                arguments: [new CommandArgument("address", "host:port of the member")]),
            new CommandDefinition("tail", "Print membership events as they happen, until stopped",
                (_, output, ct) => TailAsync(membership, tailBuffer, output, ct),
                isStreaming: true),
        ]);
    }

    private static async Task RefreshQuietly(ClusterMembership membership, CancellationToken ct)
    {
        try
        {
            await membership.RefreshAsync(ct);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            // Show the last view; the membership loop logs database problems.
        }
    }

    private static async Task ShowAsync(ClusterMembership membership, CommandOutput output, CancellationToken ct)
    {
        await RefreshQuietly(membership, ct);
        var state = membership.State;
        var table = new CommandTable("address", "uid", "node", "status", "roles", "reachable", "app-version", "up-number", "heartbeat-age-ms", "leader")
        {
            Title = $"{state.Members.Count} member(s)",
        };
        foreach (var m in state.Members)
        {
            table.AddRow(m.Address.ToString(), m.UniqueAddress.Uid, m.NodeName, m.Status, Roles(m, output.IsJson), m.IsReachable, m.AppVersion,
                m.UpNumber, (long)m.HeartbeatAge.TotalMilliseconds, m.UniqueAddress == state.Leader);
        }
        await output.WriteTableAsync(table);
    }

    private static async Task StatusAsync(ClusterMembership membership, CommandOutput output, CancellationToken ct)
    {
        await RefreshQuietly(membership, ct);
        var state = membership.State;
        var self = membership.SelfUniqueAddress;
        var member = state.Self;
        await output.WriteSectionAsync("self",
        [
            new("address", self.Address.ToString()),
            new("uid", self.Uid),
            new("node", membership.NodeName),
            new("status", membership.IsFenced ? "Fenced" : member?.Status.ToString() ?? "NotJoined"),
            new("roles", output.IsJson ? new JsonArray(membership.Roles.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()) : string.Join(",", membership.Roles)),
            new("reachable", member?.IsReachable),
            new("leader", state.Leader == self),
            new("app-version", membership.Settings.EffectiveAppVersion),
            new("up-number", member?.UpNumber),
            new("members", state.Members.Count),
        ]);
    }

    private static async Task LeaderAsync(ClusterMembership membership, CommandOutput output, CancellationToken ct)
    {
        await RefreshQuietly(membership, ct);
        var leader = membership.State.Leader;
        if (output.IsJson)
            await output.WriteJsonAsync(new JsonObject { ["leader"] = leader?.ToString() });
        else
            await output.WriteLineAsync(leader is null ? "No leader (no member is Up or Joining)" : $"Leader: {leader}");
    }

    private static async Task LeaveAsync(ClusterMembership membership, CommandInvocation invocation, CommandOutput output, CancellationToken ct)
    {
        var address = invocation.Argument("address") is { } text ? ParseAddress(text) : membership.SelfUniqueAddress.Address;
        var ok = await membership.LeaveAsync(address, ct);
        if (!ok) throw new CommandFailedException($"no Joining or Up member at {address}: it is not a member, or already leaving, down or removed");
        await Result(output, address, "leaving", $"Member {address} is leaving; its shards are handed off before it exits");
    }

    private static async Task DownAsync(ClusterMembership membership, CommandInvocation invocation, CommandOutput output, CancellationToken ct)
    {
        var address = ParseAddress(invocation.Argument("address")!);
        var ok = await membership.DownAsync(address, ct);
        if (!ok) throw new CommandFailedException($"no live member at {address}: it is not a member, or already down or removed");
        await Result(output, address, "down", $"Member {address} marked Down; its leases are free");
    }

    private static ValueTask Result(CommandOutput output, NodeAddress address, string status, string text) => output.IsJson
        ? output.WriteJsonAsync(new JsonObject { ["address"] = address.ToString(), ["status"] = status })
        : output.WriteLineAsync(text);

    private static async Task TailAsync(ClusterMembership membership, int tailBuffer, CommandOutput output, CancellationToken ct)
    {
        var buffer = Channel.CreateBounded<IClusterDomainEvent>(new BoundedChannelOptions(tailBuffer)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full, so drops are counted, never hidden.
        });
        long dropped = 0;
        using var subscription = membership.Subscribe(e =>
        {
            if (e is not CurrentClusterState && !buffer.Writer.TryWrite(e)) Interlocked.Increment(ref dropped);
        });
        if (!output.IsJson) await output.WriteLineAsync("Following membership events; press Ctrl-C to stop.");
        await foreach (var e in buffer.Reader.ReadAllAsync(ct))
        {
            var lost = Interlocked.Exchange(ref dropped, 0);
            if (lost > 0)
            {
                if (output.IsJson) await output.WriteJsonAsync(new JsonObject { ["dropped"] = lost });
                else await output.WriteLineAsync($"... {lost} membership events dropped: the shell reads slower than events arrive");
            }
            if (output.IsJson) await output.WriteJsonAsync(ToJson(e));
            else await output.WriteLineAsync(ToText(e));
        }
    }

    /// <summary>One line per event: <c>MemberUp 10.0.0.1:4053#42 status=Up roles=sip,web</c>.</summary>
    public static string ToText(IClusterDomainEvent e) => e switch
    {
        MemberRemoved r => $"{nameof(MemberRemoved)} {r.Member.UniqueAddress} previous-status={r.PreviousStatus}",
        MemberStatusChange m => $"{e.GetType().Name} {m.Member.UniqueAddress} status={m.Member.Status} roles={string.Join(",", m.Member.Roles)}",
        ReachabilityChange r => $"{e.GetType().Name} {r.Member.UniqueAddress}",
        LeaderChanged l => $"{nameof(LeaderChanged)} {(l.Leader?.ToString() ?? "(none)")}",
        SelfFenced f => $"{nameof(SelfFenced)} {f.Self} reason={f.Reason} since-last-renewal={f.SinceLastRenewal.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)}s",
        SelfRejoined j => $"{nameof(SelfRejoined)} {j.Previous} -> {j.Current}",
        _ => e.GetType().Name,
    };

    /// <summary>The JSON form of an event for <c>cluster tail --json</c>: always an <c>event</c> name plus its fields.</summary>
    public static JsonObject ToJson(IClusterDomainEvent e)
    {
        var json = new JsonObject { ["event"] = e.GetType().Name };
        switch (e)
        {
            case MemberStatusChange m:
                json["address"] = m.Member.UniqueAddress.Address.ToString();
                json["uid"] = m.Member.UniqueAddress.Uid;
                json["status"] = m.Member.Status.ToString();
                json["roles"] = new JsonArray(m.Member.Roles.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
                if (e is MemberRemoved removed) json["previousStatus"] = removed.PreviousStatus.ToString();
                break;
            case ReachabilityChange r:
                json["address"] = r.Member.UniqueAddress.Address.ToString();
                json["uid"] = r.Member.UniqueAddress.Uid;
                break;
            case LeaderChanged l:
                json["leader"] = l.Leader?.ToString();
                break;
            case SelfFenced f:
                json["self"] = f.Self.ToString();
                json["reason"] = f.Reason.ToString();
                json["sinceLastRenewalMs"] = (long)f.SinceLastRenewal.TotalMilliseconds;
                break;
            case SelfRejoined j:
                json["previous"] = j.Previous.ToString();
                json["current"] = j.Current.ToString();
                break;
        }
        return json;
    }

    private static object Roles(Member m, bool json) =>
        json ? new JsonArray(m.Roles.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()) : string.Join(",", m.Roles);

    private static NodeAddress ParseAddress(string text)
    {
        try
        {
            return NodeAddress.Parse(text);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new CommandUsageException(ex.Message);
        }
    }
}
