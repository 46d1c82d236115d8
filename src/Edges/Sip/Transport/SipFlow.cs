using System.Net;

namespace Cluster.Edges.Sip.Transport;

/// <summary>
/// The identity of an RFC 5626 flow on this node: the transport, both ends, and for connection-oriented transports
/// the id of the connection. A registrar keeps it with a binding so that requests to the user go back over the
/// connection the user registered on (RFC 5626 §5.3); a UDP flow is the 5-tuple with connection id 0.
/// </summary>
/// <param name="Transport">UDP, TCP or TLS.</param>
/// <param name="Local">The local socket address the message arrived on.</param>
/// <param name="Remote">The peer's socket address (the packet source, not the Via).</param>
/// <param name="ConnectionId">Node-unique id of the TCP/TLS connection; 0 for UDP.</param>
public sealed record SipFlow(SipTransportKind Transport, IPEndPoint Local, IPEndPoint Remote, long ConnectionId)
{
    /// <summary>True for connection-oriented flows (their liveness is the connection's).</summary>
    public bool IsConnection => Transport.IsReliable();

    public override string ToString() =>
        ConnectionId == 0 ? $"{Transport.ViaToken()} {Local}<->{Remote}" : $"{Transport.ViaToken()} {Local}<->{Remote} #{ConnectionId}";
}
