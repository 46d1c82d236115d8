using System.Net;
using System.Net.Sockets;

namespace Cluster.Edges.Dns.Codec;

/// <summary>An IPv6 host address (RFC 3596 §2.2).</summary>
public sealed record AaaaRecord : DnsRecord
{
    public AaaaRecord(string name, uint ttl, IPAddress address) : base(name, DnsClass.Internet, ttl)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            throw new ArgumentException($"An AAAA record needs an IPv6 address, got {address}.", nameof(address));
        Address = address;
    }

    public IPAddress Address { get; }

    public override DnsRecordType Type => DnsRecordType.AAAA;
}
