using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Cluster.Edges.Turn.Stun;

/// <summary>
/// A received STUN message, validated once and then read in place. Parsing checks the framing rules of RFC 8489
/// §5-§6.3 and remembers where the integrity attributes are; attribute values are read lazily from the original
/// bytes, so a Binding request costs no allocation at all. The bytes must stay alive while the view is used.
/// </summary>
public readonly ref struct StunMessage
{
    private readonly int integrityOffset;
    private readonly int integritySha256Offset;
    private readonly int fingerprintOffset;

    private StunMessage(ReadOnlySpan<byte> buffer, int integrityOffset, int integritySha256Offset, int fingerprintOffset)
    {
        Buffer = buffer;
        this.integrityOffset = integrityOffset;
        this.integritySha256Offset = integritySha256Offset;
        this.fingerprintOffset = fingerprintOffset;
    }

    /// <summary>The whole message, header included.</summary>
    public ReadOnlySpan<byte> Buffer { get; }

    /// <summary>The 14-bit type field.</summary>
    public ushort Type => BinaryPrimitives.ReadUInt16BigEndian(Buffer);

    /// <summary>The method number (may be one this stack does not know).</summary>
    public ushort MethodNumber => StunMessageType.DecodeMethod(Type);

    public StunMethod Method => (StunMethod)MethodNumber;

    public StunClass Class => StunMessageType.DecodeClass(Type);

    /// <summary>False for an RFC 3489 message, whose 128-bit transaction id occupies the cookie field.</summary>
    public bool HasMagicCookie => BinaryPrimitives.ReadUInt32BigEndian(Buffer[4..]) == StunConstants.MagicCookie;

    /// <summary>The 96-bit transaction id (bytes 8..19).</summary>
    public ReadOnlySpan<byte> TransactionId => Buffer.Slice(8, StunConstants.TransactionIdLength);

    /// <summary>Bytes 4..19: the RFC 3489 128-bit transaction id, or cookie + id for newer messages.</summary>
    public ReadOnlySpan<byte> CookieAndTransactionId => Buffer.Slice(4, 16);

    public bool HasMessageIntegrity => integrityOffset >= 0;

    public bool HasMessageIntegritySha256 => integritySha256Offset >= 0;

    public bool HasFingerprint => fingerprintOffset >= 0;

    /// <summary>
    /// Validates the framing of <paramref name="buffer"/>, which must hold exactly one message (a datagram, or a
    /// frame cut by the stream framer). Never throws.
    /// </summary>
    /// <remarks><c>allowRfc3489</c> accepts messages without the magic cookie (RFC 3489 clients).</remarks>
    public static bool TryParse(ReadOnlySpan<byte> buffer, out StunMessage message, bool allowRfc3489 = false) =>
        TryParse(buffer, out message, out _, allowRfc3489);

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, out StunMessage, bool)"/>
    public static bool TryParse(ReadOnlySpan<byte> buffer, out StunMessage message, out StunParseError error, bool allowRfc3489 = false)
    {
        message = default;
        error = Validate(buffer, allowRfc3489, out var mi, out var mi256, out var fp);
        if (error != StunParseError.None)
        {
            return false;
        }

        message = new StunMessage(buffer, mi, mi256, fp);
        return true;
    }

    /// <summary>The attributes a receiver must look at, in order (see <see cref="StunAttributeEnumerator"/>).</summary>
    public StunAttributeEnumerator Attributes => new(Buffer, integrityOffset, integritySha256Offset);

    /// <summary>First occurrence of an attribute; RFC 8489 §14 says later duplicates are ignored.</summary>
    public bool TryGetAttribute(StunAttributeType type, out ReadOnlySpan<byte> value)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.Type == (ushort)type)
            {
                value = attribute.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    public bool HasAttribute(StunAttributeType type) => TryGetAttribute(type, out _);

    /// <summary>
    /// Copies the comprehension-required attribute types this stack does not know into <paramref name="destination"/>
    /// (for the 420 response's UNKNOWN-ATTRIBUTES, RFC 8489 §7.3.1) and returns how many there are; types beyond the
    /// destination's size are counted but not copied.
    /// </summary>
    public int CollectUnknownComprehensionRequired(Span<ushort> destination) =>
        CollectUnknownComprehensionRequired(destination, static _ => false);

    /// <summary>As above, with extra types the caller understands (extensions outside the built-in set).</summary>
    public int CollectUnknownComprehensionRequired(Span<ushort> destination, Func<ushort, bool> alsoKnown)
    {
        var count = 0;
        foreach (var attribute in Attributes)
        {
            var type = attribute.Type;
            if (!StunAttributeTypes.IsComprehensionRequired(type) || StunAttributeTypes.IsKnown(type) || alsoKnown(type))
            {
                continue;
            }

            if (destination[..Math.Min(count, destination.Length)].Contains(type))
            {
                continue;
            }

            if (count < destination.Length)
            {
                destination[count] = type;
            }

            count++;
        }

        return count;
    }

    /// <summary>
    /// Checks MESSAGE-INTEGRITY (HMAC-SHA1). RFC 8489 §14.5: the HMAC covers the message up to the attribute, with
    /// the header length field rewritten to end just after MESSAGE-INTEGRITY (so a trailing FINGERPRINT or
    /// MESSAGE-INTEGRITY-SHA256 is excluded). Returns false when the attribute is absent.
    /// </summary>
    public bool VerifyMessageIntegrity(ReadOnlySpan<byte> key)
    {
        if (integrityOffset < 0)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[StunConstants.MessageIntegrityLength];
        ComputeHmac(Buffer, integrityOffset, StunConstants.MessageIntegrityLength, key, sha256: false, mac);
        var value = Buffer.Slice(integrityOffset + StunConstants.AttributeHeaderLength, StunConstants.MessageIntegrityLength);
        return CryptographicOperations.FixedTimeEquals(mac, value);
    }

    /// <summary>
    /// Checks MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6), which may be truncated to 16..32 bytes; the length field is
    /// adjusted to end after this attribute. Returns false when the attribute is absent.
    /// </summary>
    public bool VerifyMessageIntegritySha256(ReadOnlySpan<byte> key)
    {
        if (integritySha256Offset < 0)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(Buffer[(integritySha256Offset + 2)..]);
        Span<byte> mac = stackalloc byte[StunConstants.MessageIntegritySha256Length];
        ComputeHmac(Buffer, integritySha256Offset, length, key, sha256: true, mac);
        var value = Buffer.Slice(integritySha256Offset + StunConstants.AttributeHeaderLength, length);
        return CryptographicOperations.FixedTimeEquals(mac[..length], value);
    }

    /// <summary>Checks FINGERPRINT (RFC 8489 §14.7). Returns false when the attribute is absent.</summary>
    public bool VerifyFingerprint()
    {
        if (fingerprintOffset < 0)
        {
            return false;
        }

        var expected = Crc32.Compute(Buffer[..fingerprintOffset]) ^ StunConstants.FingerprintXor;
        return BinaryPrimitives.ReadUInt32BigEndian(Buffer[(fingerprintOffset + StunConstants.AttributeHeaderLength)..]) == expected;
    }

    /// <summary>
    /// HMAC over <c>message[0..attributeOffset)</c> with the length field set as if the message ended right after an
    /// attribute of <paramref name="valueLength"/> bytes at <paramref name="attributeOffset"/>. Shared with the writer.
    /// </summary>
    internal static void ComputeHmac(ReadOnlySpan<byte> message, int attributeOffset, int valueLength, ReadOnlySpan<byte> key, bool sha256, Span<byte> destination)
    {
        var adjustedLength = attributeOffset + StunConstants.AttributeHeaderLength + valueLength - StunConstants.HeaderLength;
        byte[]? rented = null;
        var copy = attributeOffset <= 512
            ? stackalloc byte[attributeOffset]
            : (rented = ArrayPool<byte>.Shared.Rent(attributeOffset)).AsSpan(0, attributeOffset);
        try
        {
            message[..attributeOffset].CopyTo(copy);
            BinaryPrimitives.WriteUInt16BigEndian(copy[2..], (ushort)adjustedLength);
            if (sha256)
            {
                HMACSHA256.HashData(key, copy, destination);
            }
            else
            {
                HMACSHA1.HashData(key, copy, destination);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static StunParseError Validate(ReadOnlySpan<byte> buffer, bool allowRfc3489, out int mi, out int mi256, out int fp)
    {
        mi = mi256 = fp = -1;
        if (buffer.Length < StunConstants.HeaderLength)
        {
            return StunParseError.TooShort;
        }

        if ((buffer[0] & 0xC0) != 0)
        {
            return StunParseError.NotStun;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        if ((length & 3) != 0)
        {
            return StunParseError.LengthNotMultipleOfFour;
        }

        if (!allowRfc3489 && BinaryPrimitives.ReadUInt32BigEndian(buffer[4..]) != StunConstants.MagicCookie)
        {
            return StunParseError.BadMagicCookie;
        }

        if (buffer.Length != StunConstants.HeaderLength + length)
        {
            return StunParseError.LengthMismatch;
        }

        var offset = StunConstants.HeaderLength;
        while (offset < buffer.Length)
        {
            if (fp >= 0)
            {
                return StunParseError.FingerprintNotLast;
            }

            if (offset + StunConstants.AttributeHeaderLength > buffer.Length)
            {
                return StunParseError.AttributeOverrun;
            }

            var type = BinaryPrimitives.ReadUInt16BigEndian(buffer[offset..]);
            var valueLength = BinaryPrimitives.ReadUInt16BigEndian(buffer[(offset + 2)..]);
            var end = offset + StunConstants.AttributeHeaderLength + StunAttributeEnumerator.Padded(valueLength);
            if (end > buffer.Length)
            {
                return StunParseError.AttributeOverrun;
            }

            switch ((StunAttributeType)type)
            {
                case StunAttributeType.MessageIntegrity when mi < 0 && mi256 < 0:
                    if (valueLength != StunConstants.MessageIntegrityLength)
                    {
                        return StunParseError.BadIntegrityLength;
                    }

                    mi = offset;
                    break;
                case StunAttributeType.MessageIntegritySha256 when mi256 < 0:
                    if (valueLength < StunConstants.MessageIntegritySha256MinLength
                        || valueLength > StunConstants.MessageIntegritySha256Length || (valueLength & 3) != 0)
                    {
                        return StunParseError.BadIntegrityLength;
                    }

                    mi256 = offset;
                    break;
                case StunAttributeType.Fingerprint:
                    if (valueLength != StunConstants.FingerprintLength)
                    {
                        return StunParseError.BadIntegrityLength;
                    }

                    fp = offset;
                    break;
            }

            offset = end;
        }

        return StunParseError.None;
    }
}
