using System.Buffers;
using Cluster.Edges.Turn.Stun;
using Cluster.Runtime.Kernel;

namespace Cluster.Edges.Turn.Allocations;

/// <summary>
/// Owns one allocation on this node: the only writer of its permissions, channels and lifetime, the holder of its
/// timers, and the one that tears it down (relay socket, port, quota, table entries) when it stops for any reason.
/// Requests reach it already authenticated and validated by <see cref="TurnRequestHandler"/>; the data path never
/// passes through its mailbox.
/// <code>
///   Allocate ok ──► Active ──Refresh(0) / Expire timer / TCP closed / server stop──► stopped (PostStop frees all)
///                     │ Refresh(n): lifetime := n, timer restarted
///                     │ CreatePermission: +300 s per IP (timer per IP)
///                     └ ChannelBind: +600 s per channel, then 300 s quarantine (RFC 8656 §12)
/// </code>
/// </summary>
internal sealed class TurnAllocationActor : ReceiveActor, IWithTimers
{
    /// <summary>RFC 8656 §9: permission lifetime.</summary>
    public static readonly TimeSpan PermissionLifetime = TimeSpan.FromSeconds(300);

    /// <summary>RFC 8656 §12: channel binding lifetime.</summary>
    public static readonly TimeSpan ChannelLifetime = TimeSpan.FromSeconds(600);

    /// <summary>RFC 8656 §12: after a binding expires, neither its number nor its peer may be rebound elsewhere for 5 minutes.</summary>
    public static readonly TimeSpan ChannelQuarantine = TimeSpan.FromSeconds(300);

    private readonly TurnAllocation allocation;
    private readonly TurnServices services;
    private readonly TimeSpan initialLifetime;
    private readonly Dictionary<ushort, TurnPeerAddress> quarantined = new();
    private bool expired;

    public TurnAllocationActor(TurnAllocation allocation, TurnServices services, TimeSpan lifetime)
    {
        this.allocation = allocation;
        this.services = services;
        initialLifetime = lifetime;
        Receive<TurnRefresh>(command => Execute(command, StunMethod.Refresh, Refresh));
        Receive<TurnCreatePermission>(command => Execute(command, StunMethod.CreatePermission, CreatePermission));
        Receive<TurnChannelBind>(command => Execute(command, StunMethod.ChannelBind, ChannelBind));
        Receive<TurnDeleteAllocation>(delete =>
        {
            Log.Debug("TURN {Allocation} deleted: {Reason}", allocation, delete.Reason);
            Context.Stop(Self);
        });
        Receive<TurnAllocationTimers.Expire>(_ =>
        {
            expired = true;
            Log.Information("TURN {Allocation} expired (not refreshed)", allocation);
            Context.Stop(Self);
        });
        Receive<TurnAllocationTimers.PermissionExpired>(tick => allocation.RemovePermission(tick.Peer));
        Receive<TurnAllocationTimers.ChannelExpired>(tick => ExpireChannel(tick.Channel));
        Receive<TurnAllocationTimers.ChannelQuarantineEnded>(tick => quarantined.Remove(tick.Channel));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private DateTimeOffset Now => services.Clock.GetUtcNow();

    protected override void PreStart() => Timers.StartSingleTimer(TurnAllocationTimers.Expire.Instance, TurnAllocationTimers.Expire.Instance, initialLifetime);

    protected override void PostStop()
    {
        services.Table.Remove(allocation);
        allocation.Relay.Dispose();
        services.Ports.Return(allocation.RelayedAddress.Port);
        services.Table.Release(allocation.QuotaUser);
        services.Counters.OnAllocationEnded(expired);
        Log.Debug("TURN {Allocation} released: relayed {ToPeer} packets to peers, {ToClient} to the client",
            allocation, allocation.Counters.PacketsToPeer, allocation.Counters.PacketsToClient);
    }

    /// <summary>
    /// Runs a command unless it is a retransmission of the last one (then the cached answer is resent), sends the
    /// response to the client and keeps it for the next retransmission.
    /// </summary>
    private void Execute<T>(T command, StunMethod method, Func<T, byte[], int> run)
        where T : ITurnAllocationCommand
    {
        if (allocation.LastResponse is { } last && last.Matches(command.TransactionId))
        {
            allocation.ClientChannel.Send(last.Response);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(TurnResponses.MaxResponseLength);
        try
        {
            var length = run(command, buffer);
            var response = buffer.AsSpan(0, length);
            allocation.LastResponse = new TurnCachedResponse(command.TransactionId, response);
            allocation.ClientChannel.Send(response);
            if (StunMessageType.DecodeClass((ushort)((buffer[0] << 8) | buffer[1])) == StunClass.ErrorResponse)
            {
                services.Counters.OnRejected(ErrorCodeOf(response));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>RFC 8656 §7.3.</summary>
    private int Refresh(TurnRefresh command, byte[] buffer)
    {
        var writer = new StunMessageWriter(buffer, StunMethod.Refresh, StunClass.SuccessResponse, command.TransactionId);
        if (command.RequestedLifetime == 0)
        {
            writer.AddLifetime(0);
            Timers.CancelAll();
            Log.Debug("TURN {Allocation} deleted by the client (Refresh with LIFETIME 0)", allocation);
            Context.Stop(Self);
        }
        else
        {
            var lifetime = TurnLifetimes.Desired(command.RequestedLifetime, services.Settings);
            allocation.SetExpiry(Now + lifetime);
            Timers.StartSingleTimer(TurnAllocationTimers.Expire.Instance, TurnAllocationTimers.Expire.Instance, lifetime);
            writer.AddLifetime((uint)lifetime.TotalSeconds);
        }

        return TurnResponses.Finish(ref writer, services.Software, command.Key, command.Sha256Integrity);
    }

    /// <summary>RFC 8656 §9.2: install or refresh a permission for every XOR-PEER-ADDRESS.</summary>
    private int CreatePermission(TurnCreatePermission command, byte[] buffer)
    {
        foreach (var peer in command.Peers)
        {
            InstallPermission(peer);
        }

        var writer = new StunMessageWriter(buffer, StunMethod.CreatePermission, StunClass.SuccessResponse, command.TransactionId);
        return TurnResponses.Finish(ref writer, services.Software, command.Key, command.Sha256Integrity);
    }

    /// <summary>RFC 8656 §12.2: bind or refresh; a number or peer already bound (or quarantined) elsewhere gets 400.</summary>
    private int ChannelBind(TurnChannelBind command, byte[] buffer)
    {
        var byNumber = allocation.FindChannel(command.Channel);
        var byPeer = allocation.FindChannel(command.Peer);
        string? conflict = null;
        if (byNumber is not null && byNumber.Peer != command.Peer)
        {
            conflict = "Channel bound to another peer";
        }
        else if (byPeer is not null && byPeer.Channel != command.Channel)
        {
            conflict = "Peer bound to another channel";
        }
        else if (quarantined.TryGetValue(command.Channel, out var previousPeer) && previousPeer != command.Peer)
        {
            conflict = "Channel recently bound to another peer";
        }
        else if (quarantined.Any(q => q.Value == command.Peer && q.Key != command.Channel))
        {
            conflict = "Peer recently bound to another channel";
        }

        if (conflict is not null)
        {
            return TurnResponses.WriteError(buffer, StunMethod.ChannelBind, command.TransactionId, StunErrorCodes.BadRequest, conflict,
                services.Software, command.Key, command.Sha256Integrity);
        }

        var binding = byNumber ?? new TurnChannelBinding(command.Channel, command.Peer, services.RelayFamily);
        allocation.SetChannel(binding);
        quarantined.Remove(command.Channel);
        Timers.StartSingleTimer(new TurnAllocationTimers.ChannelExpired(command.Channel), new TurnAllocationTimers.ChannelExpired(command.Channel), ChannelLifetime);
        InstallPermission(command.Peer.Address);
        var writer = new StunMessageWriter(buffer, StunMethod.ChannelBind, StunClass.SuccessResponse, command.TransactionId);
        return TurnResponses.Finish(ref writer, services.Software, command.Key, command.Sha256Integrity);
    }

    private void InstallPermission(UInt128 peer)
    {
        allocation.SetPermission(peer, Now + PermissionLifetime);
        var tick = new TurnAllocationTimers.PermissionExpired(peer);
        Timers.StartSingleTimer(tick, tick, PermissionLifetime);
    }

    private void ExpireChannel(ushort channel)
    {
        if (allocation.FindChannel(channel) is not { } binding)
        {
            return;
        }

        allocation.RemoveChannel(binding);
        quarantined[channel] = binding.Peer;
        var tick = new TurnAllocationTimers.ChannelQuarantineEnded(channel);
        Timers.StartSingleTimer(tick, tick, ChannelQuarantine);
    }

    private static int ErrorCodeOf(ReadOnlySpan<byte> response) =>
        StunMessage.TryParse(response, out var message)
        && message.TryGetAttribute(StunAttributeType.ErrorCode, out var value)
        && StunAttributeDecoder.TryReadErrorCode(value, out var code, out _)
            ? code
            : 0;
}
