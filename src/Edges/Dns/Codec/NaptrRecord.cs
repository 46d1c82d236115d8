namespace Cluster.Edges.Dns.Codec;

/// <summary>
/// A naming authority pointer (RFC 3403 §4.1). RFC 3263 §4.1 uses it to learn which SIP transports a domain offers:
/// <see cref="Flags"/> "S" with <see cref="Services"/> such as "SIP+D2U" and an SRV name in <see cref="Replacement"/>.
/// </summary>
public sealed record NaptrRecord(
    string Name,
    uint Ttl,
    ushort Order,
    ushort Preference,
    string Flags,
    string Services,
    string Regexp,
    string Replacement) : DnsRecord(Name, DnsClass.Internet, Ttl)
{
    public override DnsRecordType Type => DnsRecordType.NAPTR;
}
