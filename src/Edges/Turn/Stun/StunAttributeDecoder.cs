using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Cluster.Edges.Turn.Stun;

/// <summary>
/// Reads attribute values (as returned by <see cref="StunMessage.TryGetAttribute"/>) into typed values. Every reader
/// returns false for a malformed value instead of throwing, so a handler can answer 400 with the attribute named.
/// </summary>
public static class StunAttributeDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>MAPPED-ADDRESS / ALTERNATE-SERVER (RFC 8489 §14.1).</summary>
    public static bool TryReadAddress(ReadOnlySpan<byte> value, out IPEndPoint? endPoint) =>
        TryReadAddressCore(value, default, xor: false, out endPoint);

    /// <summary>XOR-MAPPED-ADDRESS / XOR-PEER-ADDRESS / XOR-RELAYED-ADDRESS (RFC 8489 §14.2).</summary>
    /// <remarks><c>cookieAndTransactionId</c>: Bytes 4..19 of the message (<see cref="StunMessage.CookieAndTransactionId"/>).</remarks>
    public static bool TryReadXorAddress(ReadOnlySpan<byte> value, ReadOnlySpan<byte> cookieAndTransactionId, out IPEndPoint? endPoint) =>
        TryReadAddressCore(value, cookieAndTransactionId, xor: true, out endPoint);

    /// <summary>
    /// ERROR-CODE (RFC 8489 §14.8): code = class * 100 + number. The reason stays as bytes (decode only to log).
    /// </summary>
    public static bool TryReadErrorCode(ReadOnlySpan<byte> value, out int code, out ReadOnlySpan<byte> reason)
    {
        code = 0;
        reason = default;
        if (value.Length < 4)
        {
            return false;
        }

        var errorClass = value[2] & 0x07;
        var number = value[3];
        if (errorClass is < 3 or > 6 || number > 99)
        {
            return false;
        }

        code = errorClass * 100 + number;
        reason = value[4..];
        return true;
    }

    /// <summary>ADDRESS-ERROR-CODE (RFC 8656 §18.12): which family failed, and why.</summary>
    public static bool TryReadAddressErrorCode(ReadOnlySpan<byte> value, out StunAddressFamily family, out int code, out ReadOnlySpan<byte> reason)
    {
        family = default;
        if (!TryReadErrorCode(value, out code, out reason) || !IsFamily(value[0]))
        {
            return false;
        }

        family = (StunAddressFamily)value[0];
        return true;
    }

    /// <summary>UNKNOWN-ATTRIBUTES (RFC 8489 §14.9); returns the count, copying as many as fit.</summary>
    public static bool TryReadUnknownAttributes(ReadOnlySpan<byte> value, Span<ushort> destination, out int count)
    {
        count = 0;
        if ((value.Length & 1) != 0)
        {
            return false;
        }

        count = value.Length / 2;
        for (var i = 0; i < count && i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadUInt16BigEndian(value[(2 * i)..]);
        }

        return true;
    }

    /// <summary>LIFETIME, CONNECTION-ID, PRIORITY: exactly four bytes.</summary>
    public static bool TryReadUInt32(ReadOnlySpan<byte> value, out uint result)
    {
        result = 0;
        if (value.Length != 4)
        {
            return false;
        }

        result = BinaryPrimitives.ReadUInt32BigEndian(value);
        return true;
    }

    /// <summary>CHANNEL-NUMBER (RFC 8656 §18.1). Range checking (0x4000-0x4FFF) is the caller's: it answers 400.</summary>
    public static bool TryReadChannelNumber(ReadOnlySpan<byte> value, out ushort channel)
    {
        channel = 0;
        if (value.Length != 4)
        {
            return false;
        }

        channel = BinaryPrimitives.ReadUInt16BigEndian(value);
        return true;
    }

    /// <summary>REQUESTED-TRANSPORT (RFC 8656 §18.7): the IANA protocol number.</summary>
    public static bool TryReadRequestedTransport(ReadOnlySpan<byte> value, out byte protocol)
    {
        protocol = 0;
        if (value.Length != 4)
        {
            return false;
        }

        protocol = value[0];
        return true;
    }

    /// <summary>EVEN-PORT (RFC 8656 §18.6): the R bit.</summary>
    public static bool TryReadEvenPort(ReadOnlySpan<byte> value, out bool reserveNext)
    {
        reserveNext = false;
        if (value.Length != 1)
        {
            return false;
        }

        reserveNext = (value[0] & 0x80) != 0;
        return true;
    }

    /// <summary>RESERVATION-TOKEN (RFC 8656 §18.10).</summary>
    public static bool TryReadReservationToken(ReadOnlySpan<byte> value, out ulong token)
    {
        token = 0;
        if (value.Length != 8)
        {
            return false;
        }

        token = BinaryPrimitives.ReadUInt64BigEndian(value);
        return true;
    }

    /// <summary>REQUESTED-ADDRESS-FAMILY / ADDITIONAL-ADDRESS-FAMILY (RFC 8656 §18.8, §18.11).</summary>
    public static bool TryReadAddressFamily(ReadOnlySpan<byte> value, out StunAddressFamily family)
    {
        family = default;
        if (value.Length != 4 || !IsFamily(value[0]))
        {
            return false;
        }

        family = (StunAddressFamily)value[0];
        return true;
    }

    /// <summary>ICMP (RFC 8656 §18.13).</summary>
    public static bool TryReadIcmp(ReadOnlySpan<byte> value, out byte icmpType, out byte icmpCode, out uint errorData)
    {
        icmpType = icmpCode = 0;
        errorData = 0;
        if (value.Length != 8)
        {
            return false;
        }

        icmpType = value[2];
        icmpCode = value[3];
        errorData = BinaryPrimitives.ReadUInt32BigEndian(value[4..]);
        return true;
    }

    /// <summary>PASSWORD-ALGORITHM (RFC 8489 §14.12): the algorithm and its parameters.</summary>
    public static bool TryReadPasswordAlgorithm(ReadOnlySpan<byte> value, out ushort algorithm, out ReadOnlySpan<byte> parameters)
    {
        algorithm = 0;
        parameters = default;
        if (value.Length < 4)
        {
            return false;
        }

        algorithm = BinaryPrimitives.ReadUInt16BigEndian(value);
        var parameterLength = BinaryPrimitives.ReadUInt16BigEndian(value[2..]);
        if (4 + parameterLength != value.Length)
        {
            return false;
        }

        parameters = value.Slice(4, parameterLength);
        return true;
    }

    /// <summary>
    /// PASSWORD-ALGORITHMS (RFC 8489 §14.11): a list of (algorithm, parameter length, padded parameters).
    /// Returns the number of entries, copying the algorithm numbers that fit.
    /// </summary>
    public static bool TryReadPasswordAlgorithms(ReadOnlySpan<byte> value, Span<ushort> destination, out int count)
    {
        count = 0;
        var offset = 0;
        while (offset < value.Length)
        {
            if (offset + 4 > value.Length)
            {
                return false;
            }

            var algorithm = BinaryPrimitives.ReadUInt16BigEndian(value[offset..]);
            var parameterLength = BinaryPrimitives.ReadUInt16BigEndian(value[(offset + 2)..]);
            offset += 4 + ((parameterLength + 3) & ~3);
            if (offset > value.Length)
            {
                return false;
            }

            if (count < destination.Length)
            {
                destination[count] = algorithm;
            }

            count++;
        }

        return true;
    }

    /// <summary>
    /// UTF-8 text (USERNAME, REALM, NONCE, SOFTWARE). Rejects invalid UTF-8 and values over
    /// <paramref name="maxBytes"/> (RFC 8489 §14.3, §14.9, §14.10 cap them at 763 or 513 bytes).
    /// </summary>
    public static bool TryReadText(ReadOnlySpan<byte> value, out string text, int maxBytes = StunConstants.MaxTextAttributeBytes)
    {
        text = string.Empty;
        if (value.Length > maxBytes)
        {
            return false;
        }

        try
        {
            text = StrictUtf8.GetString(value);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool IsFamily(byte family) => family is (byte)StunAddressFamily.IPv4 or (byte)StunAddressFamily.IPv6;

    private static bool TryReadAddressCore(ReadOnlySpan<byte> value, ReadOnlySpan<byte> mask, bool xor, out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (value.Length < 4)
        {
            return false;
        }

        var addressLength = value[1] switch
        {
            (byte)StunAddressFamily.IPv4 => 4,
            (byte)StunAddressFamily.IPv6 => 16,
            _ => 0,
        };
        if (addressLength == 0 || value.Length != 4 + addressLength || (xor && mask.Length < addressLength))
        {
            return false;
        }

        var port = BinaryPrimitives.ReadUInt16BigEndian(value[2..]);
        Span<byte> address = stackalloc byte[16];
        value.Slice(4, addressLength).CopyTo(address);
        if (xor)
        {
            port ^= (ushort)(StunConstants.MagicCookie >> 16);
            for (var i = 0; i < addressLength; i++)
            {
                address[i] ^= mask[i];
            }
        }

        endPoint = new IPEndPoint(new IPAddress(address[..addressLength]), port);
        return true;
    }
}
