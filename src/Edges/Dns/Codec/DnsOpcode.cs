namespace Cluster.Edges.Dns.Codec;

/// <summary>Header OPCODE (RFC 1035 §4.1.1). The client only ever sends <see cref="Query"/>.</summary>
public enum DnsOpcode : byte
{
    Query = 0,
    InverseQuery = 1,
    Status = 2,
    Notify = 4,
    Update = 5,
}
