using System.Net;

namespace Cluster.Edges.Sip.Transport;

/// <summary>
/// One listening socket of one transport (RFC 3261 §18): UDP, TCP or TLS. Channels parse what they receive, stamp
/// received/rport, answer malformed requests and hand messages to their <see cref="SipTransportLayer"/>; they send
/// what the layer gives them. No exception escapes a channel's loops: faults are caught, counted and logged.
/// </summary>
public abstract class SipChannel : IAsyncDisposable
{
    private protected SipChannel(SipTransportLayer host) => Host = host;

    internal SipTransportLayer Host { get; }

    /// <summary>The transport this channel speaks.</summary>
    public abstract SipTransportKind Kind { get; }

    /// <summary>The bound address (with the real port when bound to port 0).</summary>
    public abstract IPEndPoint LocalEndPoint { get; }

    /// <summary>Binds and starts the receive/accept loops.</summary>
    internal abstract void Start();

    /// <summary>Sends one message; throws <see cref="SipTransportException"/> when it cannot.</summary>
    internal abstract ValueTask SendAsync(SipDestination destination, ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>True when the flow's connection (or, for UDP, this socket) is still there.</summary>
    internal abstract bool IsAlive(SipFlow flow);

    public abstract ValueTask DisposeAsync();
}
