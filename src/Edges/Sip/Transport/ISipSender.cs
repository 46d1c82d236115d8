using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Sip.Transport;

/// <summary>
/// What the transaction layer needs from the transports: the sent-by to put in a Via, sending a request to a
/// destination, and sending a response along the path of RFC 3261 §18.2.2. An interface so transactions are tested
/// with a recording fake and a manual clock, without sockets.
/// </summary>
public interface ISipSender
{
    /// <summary>The <c>sent-by</c> (host[:port]) for a Via of a request sent over <paramref name="transport"/> (RFC 3261 §18.1.1).</summary>
    string GetSentBy(SipTransportKind transport);

    /// <summary>
    /// Sends a request (or ACK/CANCEL). Throws <see cref="SipTransportException"/> when the message cannot be handed
    /// to the network; other exceptions are bugs.
    /// </summary>
    ValueTask SendAsync(SipDestination destination, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a response to a request that arrived on <paramref name="requestFlow"/> with <paramref name="topVia"/>:
    /// over the same connection for TCP/TLS, to received/rport for UDP (RFC 3261 §18.2.2, RFC 3581 §4). Throws
    /// <see cref="SipTransportException"/> when that is impossible.
    /// </summary>
    ValueTask SendResponseAsync(SipFlow requestFlow, SipVia topVia, ReadOnlyMemory<byte> response, CancellationToken cancellationToken = default);
}
