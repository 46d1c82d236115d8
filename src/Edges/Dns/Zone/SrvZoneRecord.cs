using System.Globalization;
using Cluster.Edges.Dns.Codec;

namespace Cluster.Edges.Dns.Zone;

/// <summary>A service location record (RFC 2782): <c>_service._proto.domain. TTL IN SRV priority weight port target.</c></summary>
public sealed record SrvZoneRecord(string Name, uint Ttl, ushort Priority, ushort Weight, ushort Port, string Target) : ZoneRecord(Name, Ttl)
{
    public override string Type => "SRV";

    public override string Data => string.Create(CultureInfo.InvariantCulture, $"{Priority} {Weight} {Port} {Absolute(Target)}");

    public override IReadOnlyList<KeyValuePair<string, object?>> Fields =>
        [new("priority", Priority), new("weight", Weight), new("port", Port), new("target", Absolute(Target))];

    public override DnsRecord ToDnsRecord() => new SrvRecord(Name, Ttl, Priority, Weight, Port, Target);
}
