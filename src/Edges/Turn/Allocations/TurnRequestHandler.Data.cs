using System.Net;
using System.Net.Sockets;
using Cluster.Edges.Turn.Channels;
using Cluster.Edges.Turn.Server;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Allocations;

/// <summary>
/// The client-to-peer data path (RFC 8656 §11.2 Send indications, §12.6 ChannelData) and the data-plane callbacks
/// of the listeners. Runs on the listener receive loops: table lookups with struct keys, one reusable socket
/// address per thread, no allocation and no lock per packet.
/// </summary>
internal sealed partial class TurnRequestHandler
{
    [ThreadStatic]
    private static SocketAddress? scratchV4;

    [ThreadStatic]
    private static SocketAddress? scratchV6;

    public bool OnChannelData(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> clientAddress, ushort clientPort, StunTransport transport)
    {
        var counters = services.Counters;
        var allocation = services.Table.Find(TurnFiveTuple.From(clientAddress, clientPort, transport));
        if (allocation is null)
        {
            counters.OnDroppedNoAllocation();
            return false;
        }

        if (!ChannelData.TryRead(frame, out var channel, out var data, services.Settings.Rfc5766Channels))
        {
            counters.OnDroppedOther();
            allocation.Counters.OnDropped();
            return false;
        }

        var binding = allocation.FindChannel(channel);
        if (binding is null)
        {
            counters.OnDroppedNoChannel();
            allocation.Counters.OnDropped();
            return false;
        }

        if (!allocation.HasPermission(binding.Peer.Address))
        {
            counters.OnDroppedNoPermission();
            allocation.Counters.OnDropped();
            return false;
        }

        return Forward(allocation, data, binding.PeerSocketAddress);
    }

    public void OnConnectionClosed(ReadOnlySpan<byte> clientAddress, ushort clientPort, StunTransport transport)
    {
        if (services.Table.Find(TurnFiveTuple.From(clientAddress, clientPort, transport)) is { } allocation)
        {
            services.Deliver(allocation, new TurnDeleteAllocation("connection closed"));
        }
    }

    public bool HasAllocation(ReadOnlySpan<byte> clientAddress, ushort clientPort, StunTransport transport) =>
        services.Table.Find(TurnFiveTuple.From(clientAddress, clientPort, transport)) is not null;

    /// <summary>RFC 8656 §11.2: no allocation, no permission or missing attributes → discarded silently.</summary>
    private void OnSendIndication(in StunRequestContext context)
    {
        var counters = services.Counters;
        var request = context.Message;
        var allocation = services.Table.Find(TurnFiveTuple.From(context.ClientAddress, context.ClientPort, context.Transport));
        if (allocation is null)
        {
            counters.OnDroppedNoAllocation();
            return;
        }

        if (!request.TryGetAttribute(StunAttributeType.XorPeerAddress, out var peerValue)
            || !request.TryGetAttribute(StunAttributeType.Data, out var data)
            || !TurnAddress.TryReadXorAddress(peerValue, request.CookieAndTransactionId, out var peer))
        {
            counters.OnDroppedOther();
            allocation.Counters.OnDropped();
            return;
        }

        if (!allocation.HasPermission(peer.Address))
        {
            counters.OnDroppedNoPermission();
            allocation.Counters.OnDropped();
            return;
        }

        var target = services.RelayFamily == AddressFamily.InterNetwork
            ? scratchV4 ??= TurnAddress.NewSocketAddress(AddressFamily.InterNetwork)
            : scratchV6 ??= TurnAddress.NewSocketAddress(AddressFamily.InterNetworkV6);
        if (!TurnAddress.TryFill(target, peer))
        {
            counters.OnDroppedOther();
            allocation.Counters.OnDropped();
            return;
        }

        Forward(allocation, data, target);
    }

    private bool Forward(TurnAllocation allocation, ReadOnlySpan<byte> data, SocketAddress peer)
    {
        if (!allocation.Relay.SendTo(data, peer))
        {
            services.Counters.OnDroppedOther();
            allocation.Counters.OnDropped();
            return false;
        }

        services.Counters.OnToPeer(data.Length);
        allocation.Counters.OnToPeer(data.Length);
        return true;
    }
}
