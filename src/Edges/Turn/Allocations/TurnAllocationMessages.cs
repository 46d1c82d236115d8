namespace Cluster.Edges.Turn.Allocations;

/// <summary>Marker of requests an allocation's actor carries out (authenticated and validated by the handler).</summary>
internal interface ITurnAllocationCommand
{
    /// <summary>The 96-bit transaction id of the request, for the response and the retransmission cache.</summary>
    byte[] TransactionId { get; }

    /// <summary>The long-term key that signs the response (RFC 8489 §9.2.4).</summary>
    byte[] Key { get; }

    /// <summary>The request carried MESSAGE-INTEGRITY-SHA256, so the response does too.</summary>
    bool Sha256Integrity { get; }
}

/// <summary>RFC 8656 §7.3: Refresh; <see cref="RequestedLifetime"/> null when LIFETIME was absent, 0 deletes.</summary>
internal sealed record TurnRefresh(byte[] TransactionId, byte[] Key, bool Sha256Integrity, uint? RequestedLifetime) : ITurnAllocationCommand;

/// <summary>RFC 8656 §9.2: CreatePermission for every IP listed (already checked against the peer policy).</summary>
internal sealed record TurnCreatePermission(byte[] TransactionId, byte[] Key, bool Sha256Integrity, UInt128[] Peers) : ITurnAllocationCommand;

/// <summary>RFC 8656 §12.2: ChannelBind (channel number range and peer policy already checked).</summary>
internal sealed record TurnChannelBind(byte[] TransactionId, byte[] Key, bool Sha256Integrity, ushort Channel, TurnPeerAddress Peer) : ITurnAllocationCommand;

/// <summary>Tells an allocation to end now (its TCP connection closed, or the server stops).</summary>
internal sealed record TurnDeleteAllocation(string Reason);

/// <summary>Manager: start the actor that owns a freshly published allocation.</summary>
internal sealed record TurnStartAllocation(TurnAllocation Allocation, TimeSpan Lifetime);

/// <summary>Manager: hand a command to the owner of an allocation whose actor may not be started yet.</summary>
internal sealed record TurnForward(TurnAllocation Allocation, object Command);

/// <summary>Manager: reply <see cref="Done"/> once every allocation actor has stopped (server shutdown).</summary>
internal sealed record TurnStopAll
{
    public static readonly TurnStopAll Instance = new();

    public static readonly object Done = new();
}

/// <summary>Timer keys and ticks of <see cref="TurnAllocationActor"/>.</summary>
internal static class TurnAllocationTimers
{
    public sealed record Expire
    {
        public static readonly Expire Instance = new();
    }

    public sealed record PermissionExpired(UInt128 Peer);

    public sealed record ChannelExpired(ushort Channel);

    public sealed record ChannelQuarantineEnded(ushort Channel);
}
