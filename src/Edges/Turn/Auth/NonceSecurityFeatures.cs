namespace Cluster.Edges.Turn.Auth;

/// <summary>
/// The "STUN Security Features" bits a server announces after the nonce cookie (RFC 8489 §9.2, §18.1). Bit 0 is the
/// most significant of the 24 bits. Announcing them lets a client detect a bid-down attack that strips
/// PASSWORD-ALGORITHMS.
/// </summary>
[Flags]
public enum NonceSecurityFeatures : uint
{
    None = 0,

    /// <summary>Bit 0: the server supports PASSWORD-ALGORITHMS.</summary>
    PasswordAlgorithms = 0x800000,

    /// <summary>Bit 1: the server accepts USERHASH.</summary>
    UsernameAnonymity = 0x400000,
}
