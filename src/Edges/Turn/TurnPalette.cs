using Cluster.Edges.Turn.Allocations;
using Cluster.Runtime.Commands;

namespace Cluster.Edges.Turn;

/// <summary>
/// The <c>turn</c> palette of the <c>uc</c> shell: what an operator asks when a call has no media ("does the client
/// have an allocation, a permission for the peer, is anything relayed?") and the server-wide counters. The node's
/// wiring registers it with the command registry next to the <see cref="TurnServer"/> it describes.
/// </summary>
public static class TurnPalette
{
    public static CommandPalette Create(TurnServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new CommandPalette("turn", "TURN allocations and relay counters of this node",
        [
            new CommandDefinition("allocations", "List allocations (of one user): client, relayed address, lifetime left, permissions, channels, traffic",
                (invocation, output, _) => AllocationsAsync(server, invocation.Argument("user"), output),
                arguments: [new CommandArgument("user", "user id (as in the REST username expiry:user) or full username", isRequired: false)]),
            new CommandDefinition("stats", "Allocations active and total, refusals by reason, packets and bytes relayed or dropped",
                (_, output, _) => StatsAsync(server, output)),
        ]);
    }

    private static async Task AllocationsAsync(TurnServer server, string? user, CommandOutput output)
    {
        var table = new CommandTable("id", "user", "client", "relayed", "lifetime-left-s", "permissions", "channels",
            "packets-to-peer", "bytes-to-peer", "packets-to-client", "bytes-to-client", "dropped")
        {
            Title = user is null ? "TURN allocations" : $"TURN allocations of {user}",
        };
        foreach (var a in server.ListAllocations(user))
        {
            table.AddRow(a.Id, a.User, a.Client, a.Relayed, a.LifetimeLeftSeconds, string.Join(' ', a.Permissions), string.Join(' ', a.Channels),
                a.PacketsToPeer, a.BytesToPeer, a.PacketsToClient, a.BytesToClient, a.Dropped);
        }

        await output.WriteTableAsync(table);
    }

    private static async Task StatsAsync(TurnServer server, CommandOutput output)
    {
        var c = server.Counters;
        var entries = new List<KeyValuePair<string, object?>>
        {
            new("allocations-active", server.Allocations.Count),
            new("allocations-total", c.AllocationsCreated),
            new("allocations-ended", c.AllocationsEnded),
            new("allocations-expired", c.AllocationsExpired),
            new("relay-ports-in-use", server.Ports.InUse),
            new("relay-ports-capacity", server.Ports.Capacity),
            new("packets-to-peer", c.PacketsToPeer),
            new("bytes-to-peer", c.BytesToPeer),
            new("packets-to-client", c.PacketsToClient),
            new("bytes-to-client", c.BytesToClient),
            new("dropped-no-allocation", c.DroppedNoAllocation),
            new("dropped-no-permission", c.DroppedNoPermission),
            new("dropped-no-channel", c.DroppedNoChannel),
            new("dropped-other", c.DroppedOther),
            new("stun-received", server.StunCounters.Received),
            new("stun-malformed", server.StunCounters.DroppedMalformed),
        };
        foreach (var (code, count) in c.RejectedByCode)
        {
            entries.Add(new(code == 0 ? "rejected-other" : $"rejected-{code}", count));
        }

        foreach (var (reason, count) in c.RejectedByCredential)
        {
            entries.Add(new($"rejected-401-{(reason == Auth.CredentialRejection.None ? "challenge" : reason.ToString().ToLowerInvariant())}", count));
        }

        await output.WriteSectionAsync("TURN", entries);
    }
}
