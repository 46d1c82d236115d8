namespace Cluster.Edges.Dns.Codec;

/// <summary>
/// Start of authority (RFC 1035 §3.3.13). The client reads it from the authority section of negative answers to
/// decide how long to cache them: min(SOA TTL, <see cref="Minimum"/>) (RFC 2308 §5).
/// </summary>
public sealed record SoaRecord(
    string Name,
    uint Ttl,
    string PrimaryServer,
    string ResponsibleMailbox,
    uint Serial,
    uint Refresh,
    uint Retry,
    uint Expire,
    uint Minimum) : DnsRecord(Name, DnsClass.Internet, Ttl)
{
    public override DnsRecordType Type => DnsRecordType.SOA;
}
