using System.Net;
using System.Net.Sockets;

namespace Cluster.Edges.Dns.Codec;

/// <summary>An IPv4 host address (RFC 1035 §3.4.1).</summary>
public sealed record ARecord : DnsRecord
{
    public ARecord(string name, uint ttl, IPAddress address) : base(name, DnsClass.Internet, ttl)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException($"An A record needs an IPv4 address, got {address}.", nameof(address));
        Address = address;
    }

    public IPAddress Address { get; }

    public override DnsRecordType Type => DnsRecordType.A;
}
