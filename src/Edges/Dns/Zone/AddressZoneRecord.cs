using System.Net;
using System.Net.Sockets;
using Cluster.Edges.Dns.Codec;

namespace Cluster.Edges.Dns.Zone;

/// <summary>
/// An A or AAAA record of a public name (RFC 1035 §3.4.1, RFC 3596 §2.1). With no <see cref="Address"/> it is a
/// placeholder: the node does not know its public address behind NAT or a load balancer, and must not invent one.
/// </summary>
public sealed record AddressZoneRecord : ZoneRecord
{
    public AddressZoneRecord(string name, uint ttl, AddressFamily family, IPAddress? address) : base(name, ttl)
    {
        if (family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            throw new ArgumentException($"an address record is IPv4 or IPv6, not {family}", nameof(family));
        if (address is not null && address.AddressFamily != family)
            throw new ArgumentException($"{address} is not an {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address", nameof(address));
        Family = family;
        Address = address;
    }

    /// <summary>A real address record.</summary>
    public static AddressZoneRecord For(string name, uint ttl, IPAddress address) => new(name, ttl, address.AddressFamily, address);

    /// <summary>A placeholder the operator fills in.</summary>
    public static AddressZoneRecord Placeholder(string name, uint ttl, AddressFamily family) => new(name, ttl, family, null);

    public AddressFamily Family { get; }

    /// <summary>The public address; null for a placeholder.</summary>
    public IPAddress? Address { get; }

    public override string Type => Family == AddressFamily.InterNetwork ? "A" : "AAAA";

    public override bool IsPlaceholder => Address is null;

    public override string Data => Address?.ToString()
        ?? (Family == AddressFamily.InterNetwork ? $"<public IPv4 address of {Name}>" : $"<public IPv6 address of {Name}, or delete this line>");

    public override IReadOnlyList<KeyValuePair<string, object?>> Fields => [new("address", Address?.ToString())];

    public override DnsRecord? ToDnsRecord() => Address is null ? null
        : Family == AddressFamily.InterNetwork ? new ARecord(Name, Ttl, Address) : new AaaaRecord(Name, Ttl, Address);
}
