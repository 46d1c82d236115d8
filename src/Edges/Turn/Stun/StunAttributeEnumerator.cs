using System.Buffers.Binary;

namespace Cluster.Edges.Turn.Stun;

/// <summary>
/// Walks the attributes of a message that <see cref="StunMessage.TryParse(ReadOnlySpan{byte}, out StunMessage, bool)"/>
/// accepted. It skips what RFC 8489 §14.5 says to ignore: anything after MESSAGE-INTEGRITY except
/// MESSAGE-INTEGRITY-SHA256 and FINGERPRINT, and anything after MESSAGE-INTEGRITY-SHA256 except FINGERPRINT.
/// </summary>
public ref struct StunAttributeEnumerator
{
    private readonly ReadOnlySpan<byte> message;
    private readonly int integrityOffset;
    private readonly int integritySha256Offset;
    private int next;
    private StunAttribute current;

    internal StunAttributeEnumerator(ReadOnlySpan<byte> message, int integrityOffset, int integritySha256Offset)
    {
        this.message = message;
        this.integrityOffset = integrityOffset;
        this.integritySha256Offset = integritySha256Offset;
        next = StunConstants.HeaderLength;
        current = default;
    }

    public readonly StunAttribute Current => current;

    public readonly StunAttributeEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        while (next + StunConstants.AttributeHeaderLength <= message.Length)
        {
            var offset = next;
            var type = BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 2)..]);
            next = offset + StunConstants.AttributeHeaderLength + Padded(length);
            if (IsIgnored(offset, type))
            {
                continue;
            }

            current = new StunAttribute(type, message.Slice(offset + StunConstants.AttributeHeaderLength, length), offset);
            return true;
        }

        return false;
    }

    internal static int Padded(int length) => (length + 3) & ~3;

    private readonly bool IsIgnored(int offset, ushort type)
    {
        if (integritySha256Offset >= 0 && offset > integritySha256Offset)
        {
            return type != (ushort)StunAttributeType.Fingerprint;
        }

        if (integrityOffset >= 0 && offset > integrityOffset)
        {
            return type != (ushort)StunAttributeType.Fingerprint
                && type != (ushort)StunAttributeType.MessageIntegritySha256;
        }

        return false;
    }
}
