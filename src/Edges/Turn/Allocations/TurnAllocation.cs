using System.Collections.Concurrent;
using System.Net;
using Cluster.Edges.Turn.Server;
using Cluster.Runtime.Kernel;

namespace Cluster.Edges.Turn.Allocations;

/// <summary>
/// The shared state of one allocation (RFC 8656 §2.2: relayed address, 5-tuple, credentials, lifetime, permissions,
/// channels). Split by who writes: the socket receive loops only read the lookup tables (permissions, channels) and
/// bump counters; only the owning <see cref="TurnAllocationActor"/> changes them. Everything the data path reads is
/// a concurrent dictionary or an immutable object swapped in with a volatile write, so relaying takes no lock.
/// </summary>
public sealed class TurnAllocation
{
    private readonly ConcurrentDictionary<ushort, TurnChannelBinding> channelsByNumber = new();
    private readonly ConcurrentDictionary<TurnPeerAddress, TurnChannelBinding> channelsByPeer = new();
    private readonly ConcurrentDictionary<UInt128, DateTimeOffset> permissions = new();
    private long expiresAtTicks;
    private TurnCachedResponse? lastResponse;
    private IActorRef? owner;

    internal TurnAllocation(long id, TurnFiveTuple client, string username, string quotaUser, StunClientChannel channel,
        TurnRelay relay, IPEndPoint relayedAddress, DateTimeOffset createdAt, DateTimeOffset expiresAt, TurnCachedResponse allocateResponse)
    {
        Id = id;
        Client = client;
        Username = username;
        QuotaUser = quotaUser;
        ClientChannel = channel;
        Relay = relay;
        RelayedAddress = relayedAddress;
        CreatedAt = createdAt;
        expiresAtTicks = expiresAt.UtcTicks;
        AllocateResponse = allocateResponse;
    }

    /// <summary>Unique within the process; names the owning actor (<c>alloc-{Id}</c>).</summary>
    public long Id { get; }

    public TurnFiveTuple Client { get; }

    /// <summary>USERNAME the allocation was created with; later requests must use the same (RFC 8656 §6.2, 441).</summary>
    public string Username { get; }

    /// <summary>The user the quota counts against (the user id inside a REST username).</summary>
    public string QuotaUser { get; }

    /// <summary>XOR-RELAYED-ADDRESS handed to the client.</summary>
    public IPEndPoint RelayedAddress { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset ExpiresAt => new(Volatile.Read(ref expiresAtTicks), TimeSpan.Zero);

    public TurnAllocationCounters Counters { get; } = new();

    /// <summary>Peer IPs with a permission and when each expires (RFC 8656 §9: permissions are per IP, not port).</summary>
    public IReadOnlyDictionary<UInt128, DateTimeOffset> Permissions => permissions;

    /// <summary>Channels bound now.</summary>
    public IEnumerable<TurnChannelBinding> Channels => channelsByPeer.Values;

    internal StunClientChannel ClientChannel { get; }

    internal TurnRelay Relay { get; }

    internal TurnCachedResponse AllocateResponse { get; }

    /// <summary>The last response the actor sent, for retransmissions.</summary>
    internal TurnCachedResponse? LastResponse
    {
        get => Volatile.Read(ref lastResponse);
        set => Volatile.Write(ref lastResponse, value);
    }

    /// <summary>The owning actor once the manager has started it.</summary>
    internal IActorRef? Owner
    {
        get => Volatile.Read(ref owner);
        set => Volatile.Write(ref owner, value);
    }

    /// <summary>Data path: whether the peer IP may exchange data with this allocation.</summary>
    public bool HasPermission(UInt128 peerAddress) => permissions.ContainsKey(peerAddress);

    /// <summary>Data path: the binding of a channel number, or null.</summary>
    public TurnChannelBinding? FindChannel(ushort channel) => channelsByNumber.GetValueOrDefault(channel);

    /// <summary>Data path: the channel bound to a peer, or null.</summary>
    public TurnChannelBinding? FindChannel(TurnPeerAddress peer) => channelsByPeer.GetValueOrDefault(peer);

    internal void SetExpiry(DateTimeOffset expiresAt) => Volatile.Write(ref expiresAtTicks, expiresAt.UtcTicks);

    internal void SetPermission(UInt128 peer, DateTimeOffset expiresAt) => permissions[peer] = expiresAt;

    internal void RemovePermission(UInt128 peer) => permissions.TryRemove(peer, out _);

    internal void SetChannel(TurnChannelBinding binding)
    {
        channelsByPeer[binding.Peer] = binding;
        channelsByNumber[binding.Channel] = binding;
    }

    internal void RemoveChannel(TurnChannelBinding binding)
    {
        channelsByNumber.TryRemove(new KeyValuePair<ushort, TurnChannelBinding>(binding.Channel, binding));
        channelsByPeer.TryRemove(new KeyValuePair<TurnPeerAddress, TurnChannelBinding>(binding.Peer, binding));
    }

    public override string ToString() => $"allocation {Id} {Client} -> {RelayedAddress} ({Username})";
}
