namespace Cluster.Edges.Turn.Stun;

/// <summary>
/// Attribute type codes from the IANA "STUN Attributes" registry. Values below 0x8000 are comprehension-required:
/// a request carrying one we do not understand gets a 420 (RFC 8489 §7.3.1); 0x8000 and above may be ignored.
/// </summary>
public enum StunAttributeType : ushort
{
    // RFC 8489 §14 (STUN)
    MappedAddress = 0x0001,
    Username = 0x0006,
    MessageIntegrity = 0x0008,
    ErrorCode = 0x0009,
    UnknownAttributes = 0x000A,
    Realm = 0x0014,
    Nonce = 0x0015,
    MessageIntegritySha256 = 0x001C,
    PasswordAlgorithm = 0x001D,
    UserHash = 0x001E,
    XorMappedAddress = 0x0020,
    PasswordAlgorithms = 0x8002,
    AlternateDomain = 0x8003,
    Software = 0x8022,
    AlternateServer = 0x8023,
    Fingerprint = 0x8028,

    // RFC 8656 §18 (TURN)
    ChannelNumber = 0x000C,
    Lifetime = 0x000D,
    XorPeerAddress = 0x0012,
    Data = 0x0013,
    XorRelayedAddress = 0x0016,
    RequestedAddressFamily = 0x0017,
    EvenPort = 0x0018,
    RequestedTransport = 0x0019,
    DontFragment = 0x001A,
    ReservationToken = 0x0022,
    AdditionalAddressFamily = 0x8000,
    AddressErrorCode = 0x8001,
    Icmp = 0x8004,

    // RFC 6062 §6.2 (TURN TCP relays)
    ConnectionId = 0x002A,

    // RFC 8445 §16.1 (ICE); parsed as opaque values, listed so they are not "unknown".
    Priority = 0x0024,
    UseCandidate = 0x0025,
    IceControlled = 0x8029,
    IceControlling = 0x802A,
}

/// <summary>Helpers on attribute type numbers.</summary>
public static class StunAttributeTypes
{
    /// <summary>RFC 8489 §14: types 0x0000-0x7FFF must be understood by the receiver.</summary>
    public static bool IsComprehensionRequired(ushort type) => type < 0x8000;

    /// <summary>Whether this stack knows how to read the attribute (the set behind 420 Unknown Attribute).</summary>
    public static bool IsKnown(ushort type) => type switch
    {
        0x0001 or 0x0006 or 0x0008 or 0x0009 or 0x000A or 0x000C or 0x000D or 0x0012 or 0x0013 or 0x0014
            or 0x0015 or 0x0016 or 0x0017 or 0x0018 or 0x0019 or 0x001A or 0x001C or 0x001D or 0x001E
            or 0x0020 or 0x0022 or 0x0024 or 0x0025 or 0x002A => true,
        0x8000 or 0x8001 or 0x8002 or 0x8003 or 0x8004 or 0x8022 or 0x8023 or 0x8028 or 0x8029 or 0x802A => true,
        _ => false,
    };
}
