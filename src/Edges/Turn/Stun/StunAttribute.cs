namespace Cluster.Edges.Turn.Stun;

/// <summary>
/// One attribute as it sits in a received message: its type and a slice of the message holding its value (padding
/// excluded). A ref struct so that walking a message never copies or allocates.
/// </summary>
public readonly ref struct StunAttribute
{
    public StunAttribute(ushort type, ReadOnlySpan<byte> value, int offset)
    {
        Type = type;
        Value = value;
        Offset = offset;
    }

    /// <summary>Raw attribute type (may be a value this stack does not know).</summary>
    public ushort Type { get; }

    /// <summary>The value bytes, without padding.</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Offset of the attribute header from the start of the message.</summary>
    public int Offset { get; }

    /// <summary>The type as the known enum (unknown values pass through unchanged).</summary>
    public StunAttributeType KnownType => (StunAttributeType)Type;
}
