using System.Security.Cryptography.X509Certificates;
using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Sip.Transport;

/// <summary>
/// A message as the transport hands it up: the parsed message (with <c>received</c>/<c>rport</c> already stamped on
/// the top Via of a request, RFC 3261 §18.2.1, RFC 3581 §4), the flow it came on, and for TLS the certificate the
/// peer presented (a certificate from a trusted partner marks a federation link).
/// </summary>
public sealed record SipInboundMessage(SipMessage Message, SipFlow Flow, X509Certificate2? PeerCertificate = null)
{
    public override string ToString() => $"{Message} via {Flow}";
}
