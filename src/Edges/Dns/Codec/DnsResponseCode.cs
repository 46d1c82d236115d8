namespace Cluster.Edges.Dns.Codec;

/// <summary>
/// RCODE values (RFC 1035 §4.1.1, extended to 12 bits by the EDNS0 OPT record, RFC 6891 §6.1.3). The client treats
/// NoError and NameError as final answers and the server-side failures as a reason to try the next server.
/// </summary>
public enum DnsResponseCode : ushort
{
    NoError = 0,
    FormatError = 1,
    ServerFailure = 2,
    /// <summary>NXDOMAIN: the queried name does not exist (RFC 1035 §4.1.1, RFC 2308 §2.1).</summary>
    NameError = 3,
    NotImplemented = 4,
    Refused = 5,
    /// <summary>BADVERS, only expressible with EDNS0 (RFC 6891 §9).</summary>
    BadVersion = 16,
}
