namespace Cluster.Edges.Turn.Stun;

/// <summary>
/// Why bytes were not accepted as a STUN message. The parser reports one of these instead of throwing so that a
/// transport can count and drop garbage without exception cost (conventions, "Protocol code").
/// </summary>
public enum StunParseError : byte
{
    None = 0,

    /// <summary>Fewer than the 20 header bytes.</summary>
    TooShort,

    /// <summary>The two most significant bits are not zero (RFC 8489 §5), so this is not STUN at all.</summary>
    NotStun,

    /// <summary>No magic cookie and RFC 3489 messages are not accepted.</summary>
    BadMagicCookie,

    /// <summary>The length field is not a multiple of 4 (RFC 8489 §5).</summary>
    LengthNotMultipleOfFour,

    /// <summary>The length field disagrees with the number of bytes present.</summary>
    LengthMismatch,

    /// <summary>An attribute's declared length runs past the end of the message.</summary>
    AttributeOverrun,

    /// <summary>MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 or FINGERPRINT has a length the RFC forbids.</summary>
    BadIntegrityLength,

    /// <summary>An attribute follows FINGERPRINT, which RFC 8489 §14.7 requires to be last.</summary>
    FingerprintNotLast,
}
