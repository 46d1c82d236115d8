using System.Globalization;

namespace Cluster.Edges.Turn.Allocations;

/// <summary>A point-in-time view of one allocation for the shell (<c>uc turn allocations</c>) and tests.</summary>
public sealed record TurnAllocationInfo(
    long Id,
    string User,
    string Username,
    string Client,
    string Relayed,
    int LifetimeLeftSeconds,
    IReadOnlyList<string> Permissions,
    IReadOnlyList<string> Channels,
    long PacketsToPeer,
    long BytesToPeer,
    long PacketsToClient,
    long BytesToClient,
    long Dropped)
{
    public static TurnAllocationInfo From(TurnAllocation allocation, DateTimeOffset now)
    {
        var left = (int)Math.Max(0, Math.Ceiling((allocation.ExpiresAt - now).TotalSeconds));
        var permissions = allocation.Permissions.Keys.Select(p => TurnAddress.ToIPAddress(p).ToString()).Order(StringComparer.Ordinal).ToArray();
        var channels = allocation.Channels.OrderBy(c => c.Channel)
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"0x{c.Channel:X4}={c.Peer}")).ToArray();
        var counters = allocation.Counters;
        return new TurnAllocationInfo(allocation.Id, allocation.QuotaUser, allocation.Username, allocation.Client.ToString(),
            allocation.RelayedAddress.ToString(), left, permissions, channels, counters.PacketsToPeer, counters.BytesToPeer,
            counters.PacketsToClient, counters.BytesToClient, counters.Dropped);
    }
}
