namespace Cluster.Edges.Dns.Codec;

/// <summary>
/// A service location (RFC 2782). A <see cref="Target"/> of "" (the root, written ".") means the service is
/// decidedly not available at this domain.
/// </summary>
public sealed record SrvRecord(string Name, uint Ttl, ushort Priority, ushort Weight, ushort Port, string Target)
    : DnsRecord(Name, DnsClass.Internet, Ttl)
{
    public override DnsRecordType Type => DnsRecordType.SRV;

    /// <summary>RFC 2782: a target of "." says the service is not offered.</summary>
    public bool IsServiceUnavailable => Target.Length == 0;
}
