namespace Cluster.Edges.Dns.SipLocation;

/// <summary>
/// The parts of a SIP or SIPS URI that RFC 3263 §4 uses, passed as plain values so the locator does not depend on
/// the SIP parser: the host (domain, IPv4, or IPv6 with or without brackets), the port if the URI has one, the
/// <c>transport</c> parameter if present, and whether the scheme is <c>sips</c>.
/// </summary>
public sealed record SipLocationRequest(string Host, int? Port = null, string? Transport = null, bool Secure = false);
