namespace Cluster.Edges.Sip.Transport;

/// <summary>
/// A send that could not be handed to the network: connect refused or timed out, the flow's connection is gone,
/// TLS handshake failed, too many connections. The transaction layer turns it into a transport error for the TU
/// (RFC 3261 §17.1.4, §17.2.4) and the outbound sender into a fail-over to the next target (RFC 3263 §4.3).
/// </summary>
public sealed class SipTransportException : Exception
{
    public SipTransportException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
