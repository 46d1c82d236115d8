namespace Cluster.Edges.Dns.Codec;

/// <summary>
/// Resource record TYPE codes (RFC 1035 §3.2.2 and later registrations). Only the types the SIP server-location
/// procedure needs are decoded; any other value is still representable so unknown records survive a round trip.
/// </summary>
public enum DnsRecordType : ushort
{
    A = 1,
    NS = 2,
    CNAME = 5,
    SOA = 6,
    PTR = 12,
    MX = 15,
    TXT = 16,
    /// <summary>RFC 3596 §2.1.</summary>
    AAAA = 28,
    /// <summary>RFC 2782.</summary>
    SRV = 33,
    /// <summary>RFC 3403 §4.</summary>
    NAPTR = 35,
    /// <summary>RFC 6891 §6.1.1 pseudo-record.</summary>
    OPT = 41,
    ANY = 255,
}
