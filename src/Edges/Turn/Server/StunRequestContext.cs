using System.Net;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Server;

/// <summary>
/// A parsed request or indication with where it came from. A ref struct over the receive buffer: a handler that
/// needs the data later (a TURN allocation handing work to its actor) must copy what it keeps.
/// </summary>
public readonly ref struct StunRequestContext
{
    public StunRequestContext(StunMessage message, ReadOnlySpan<byte> clientAddress, ushort clientPort, StunTransport transport)
    {
        Message = message;
        ClientAddress = clientAddress;
        ClientPort = clientPort;
        Transport = transport;
    }

    public StunMessage Message { get; }

    /// <summary>The client's reflexive IP as 4 or 16 bytes (IPv4-mapped addresses already unmapped).</summary>
    public ReadOnlySpan<byte> ClientAddress { get; }

    public ushort ClientPort { get; }

    public StunTransport Transport { get; }

    /// <summary>The client as an <see cref="IPEndPoint"/> (allocates; for handlers beyond Binding).</summary>
    public IPEndPoint ClientEndPoint() => new(new IPAddress(ClientAddress), ClientPort);
}
