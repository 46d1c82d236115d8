using System.Net;

namespace Cluster.Edges.Dns.SipLocation;

/// <summary>
/// One place to send a request: transport plus address and port. A located URI yields an ordered list of these and
/// the transaction layer tries them in order on failure (RFC 3263 §4.3).
/// </summary>
/// <param name="Transport">Transport to open or reuse a connection on.</param>
/// <param name="EndPoint">Address and port of the next hop.</param>
/// <param name="Host">The host name the address belongs to (SRV target or URI host), for logs and TLS SNI.</param>
public sealed record SipTarget(SipTargetTransport Transport, IPEndPoint EndPoint, string Host)
{
    public override string ToString() => $"{Transport.ToString().ToLowerInvariant()}:{EndPoint} ({Host})";
}
