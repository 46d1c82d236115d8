using System.Net;
using System.Net.Sockets;

namespace Cluster.Edges.Turn.Allocations;

/// <summary>
/// A channel bound to a peer (RFC 8656 §12), immutable so the receive loops can read it without locks while the
/// allocation's actor replaces it. The peer's socket address is prepared once so relaying allocates nothing.
/// </summary>
public sealed class TurnChannelBinding
{
    public TurnChannelBinding(ushort channel, TurnPeerAddress peer, AddressFamily relayFamily)
    {
        Channel = channel;
        Peer = peer;
        PeerSocketAddress = TurnAddress.NewSocketAddress(relayFamily);
        TurnAddress.TryFill(PeerSocketAddress, peer);
    }

    public ushort Channel { get; }

    public TurnPeerAddress Peer { get; }

    /// <summary>Destination for <see cref="Socket.SendTo(ReadOnlySpan{byte}, SocketFlags, SocketAddress)"/>; never mutated.</summary>
    public SocketAddress PeerSocketAddress { get; }
}
