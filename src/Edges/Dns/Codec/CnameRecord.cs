namespace Cluster.Edges.Dns.Codec;

/// <summary>An alias (RFC 1035 §3.3.1); the client follows chains of these (RFC 1034 §4.3.2 step 3a).</summary>
public sealed record CnameRecord(string Name, uint Ttl, string Target) : DnsRecord(Name, DnsClass.Internet, Ttl)
{
    public override DnsRecordType Type => DnsRecordType.CNAME;
}
