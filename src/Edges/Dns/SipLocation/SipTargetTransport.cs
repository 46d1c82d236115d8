namespace Cluster.Edges.Dns.SipLocation;

/// <summary>
/// The transports RFC 3263 can select for a SIP next hop. SCTP and WebSocket are absent on purpose: the edge does
/// not speak SCTP, and RFC 7118 defines no DNS procedure for WebSocket URIs.
/// </summary>
public enum SipTargetTransport
{
    Udp,
    Tcp,
    /// <summary>TLS over TCP, the only transport a SIPS URI may use (RFC 3261 §26.2.2).</summary>
    Tls,
}
