using System.Net;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Server;

/// <summary>
/// A parsed request or indication with where it came from. A ref struct over the receive buffer: a handler that
/// needs the data later (a TURN allocation handing work to its actor) must copy what it keeps.
/// </summary>
public readonly ref struct StunRequestContext
{
    public StunRequestContext(StunMessage message, ReadOnlySpan<byte> clientAddress, ushort clientPort, StunTransport transport, StunClientChannel? channel = null)
    {
        Message = message;
        ClientAddress = clientAddress;
        ClientPort = clientPort;
        Transport = transport;
        Channel = channel;
    }

    public StunMessage Message { get; }

    /// <summary>The client's reflexive IP as 4 or 16 bytes (IPv4-mapped addresses already unmapped).</summary>
    public ReadOnlySpan<byte> ClientAddress { get; }

    public ushort ClientPort { get; }

    public StunTransport Transport { get; }

    /// <summary>
    /// The way back to the client for answers sent later (TURN); null when the caller has no socket (unit tests of
    /// the dispatcher). Call <see cref="StunClientChannel.Pin"/> before keeping it.
    /// </summary>
    public StunClientChannel? Channel { get; }

    /// <summary>The client as an <see cref="IPEndPoint"/> (allocates; for handlers beyond Binding).</summary>
    public IPEndPoint ClientEndPoint() => new(new IPAddress(ClientAddress), ClientPort);
}
