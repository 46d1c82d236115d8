namespace Cluster.Edges.Dns.Codec;

/// <summary>Resource record CLASS codes (RFC 1035 §3.2.4). Only <see cref="Internet"/> is resolved by the client.</summary>
public enum DnsClass : ushort
{
    Internet = 1,
    Chaos = 3,
    Hesiod = 4,
    Any = 255,
}
