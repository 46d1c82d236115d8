namespace Cluster.Edges.Turn.Stun;

/// <summary>
/// PASSWORD-ALGORITHM numbers (RFC 8489 §18.5). They select how the long-term key is derived from
/// username, realm and password; both take no parameters.
/// </summary>
public enum StunPasswordAlgorithm : ushort
{
    Md5 = 0x0001,
    Sha256 = 0x0002,
}
