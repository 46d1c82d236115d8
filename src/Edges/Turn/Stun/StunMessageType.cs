namespace Cluster.Edges.Turn.Stun;

/// <summary>
/// Packs and unpacks the 14-bit message type field. RFC 8489 §5 interleaves the class bits C1/C0 between the
/// method bits: <c>M11..M7 C1 M6..M4 C0 M3..M0</c>, so the type cannot be read as two plain fields.
/// </summary>
public static class StunMessageType
{
    /// <summary>Largest method number that fits the 12 method bits.</summary>
    public const ushort MaxMethod = 0x0FFF;

    public static ushort Encode(StunMethod method, StunClass messageClass) => Encode((ushort)method, messageClass);

    public static ushort Encode(ushort method, StunClass messageClass)
    {
        if (method > MaxMethod)
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "A STUN method has 12 bits (0..0xFFF).");
        }

        var c = (int)messageClass;
        return (ushort)((method & 0x000F)
            | ((method & 0x0070) << 1)
            | ((method & 0x0F80) << 2)
            | ((c & 0b01) << 4)
            | ((c & 0b10) << 7));
    }

    /// <summary>Method number of a type field (the two most significant bits are ignored).</summary>
    public static ushort DecodeMethod(ushort type) =>
        (ushort)((type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2));

    /// <summary>Class of a type field.</summary>
    public static StunClass DecodeClass(ushort type) =>
        (StunClass)(((type >> 4) & 0b01) | ((type >> 7) & 0b10));
}
