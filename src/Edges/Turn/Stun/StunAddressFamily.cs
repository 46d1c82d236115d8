namespace Cluster.Edges.Turn.Stun;

/// <summary>Family byte of address attributes and of (ADDITIONAL-)REQUESTED-ADDRESS-FAMILY (RFC 8489 §14.1, RFC 8656 §18.8).</summary>
public enum StunAddressFamily : byte
{
    IPv4 = 0x01,
    IPv6 = 0x02,
}
