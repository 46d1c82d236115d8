namespace Cluster.Edges.Turn.Stun;

/// <summary>Fixed numbers of the STUN wire format (RFC 8489 §5, §14), named as the RFC names them.</summary>
public static class StunConstants
{
    /// <summary>RFC 8489 §5: the fixed value in bytes 4..7 that tells RFC 5389+ messages from RFC 3489 ones.</summary>
    public const uint MagicCookie = 0x2112A442;

    /// <summary>Size of the message header: type, length, magic cookie, 96-bit transaction id.</summary>
    public const int HeaderLength = 20;

    /// <summary>Size of the transaction id (RFC 8489 §5).</summary>
    public const int TransactionIdLength = 12;

    /// <summary>Size of an attribute's type+length prefix (RFC 8489 §14).</summary>
    public const int AttributeHeaderLength = 4;

    /// <summary>RFC 8489 §14.7: the CRC-32 of FINGERPRINT is XOR'ed with this ("STUN").</summary>
    public const uint FingerprintXor = 0x5354554E;

    /// <summary>HMAC-SHA1 output carried in MESSAGE-INTEGRITY (RFC 8489 §14.5).</summary>
    public const int MessageIntegrityLength = 20;

    /// <summary>Full HMAC-SHA256 output; RFC 8489 §14.6 allows truncation to 16..32 bytes in steps of 4.</summary>
    public const int MessageIntegritySha256Length = 32;

    /// <summary>Smallest MESSAGE-INTEGRITY-SHA256 value accepted (RFC 8489 §14.6).</summary>
    public const int MessageIntegritySha256MinLength = 16;

    /// <summary>Size of the FINGERPRINT value.</summary>
    public const int FingerprintLength = 4;

    /// <summary>Largest message a 16-bit length field can describe.</summary>
    public const int MaxMessageLength = HeaderLength + ushort.MaxValue;

    /// <summary>RFC 8489 §14.3, §14.9, §14.10: REALM, NONCE and USERNAME/ERROR reason are capped at 763 bytes.</summary>
    public const int MaxTextAttributeBytes = 763;

    /// <summary>RFC 8489 §9.2: the "nonce cookie" that announces the security features of §9.2.</summary>
    public const string NonceCookie = "obMatJos2";
}
