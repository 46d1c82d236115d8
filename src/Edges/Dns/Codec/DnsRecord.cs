namespace Cluster.Edges.Dns.Codec;

/// <summary>
/// A resource record (RFC 1035 §3.2.1). Concrete subclasses exist for the types the SIP locator needs; anything
/// else is an <see cref="UnknownRecord"/> that keeps its RDATA verbatim (RFC 3597 §5) so nothing is lost.
/// </summary>
/// <param name="Name">Owner name in presentation form without the trailing dot ("" is the root).</param>
/// <param name="Class">Record class; only <see cref="DnsClass.Internet"/> records are decoded into typed records.</param>
/// <param name="Ttl">Time to live in seconds; values with the top bit set are read as 0 (RFC 2181 §8).</param>
public abstract record DnsRecord(string Name, DnsClass Class, uint Ttl)
{
    /// <summary>The TYPE code written on the wire.</summary>
    public abstract DnsRecordType Type { get; }

    /// <summary>A copy of this record with another TTL, used by the cache to hand out remaining lifetimes.</summary>
    public DnsRecord WithTtl(uint ttl) => this with { Ttl = ttl };
}
