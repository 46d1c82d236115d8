using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cluster.Edges.Turn.Stun;

/// <summary>
/// Builds one STUN message directly into caller-owned memory (a pooled array or an <see cref="IBufferWriter{T}"/>),
/// keeping the header length current after every attribute so MESSAGE-INTEGRITY and FINGERPRINT can be computed
/// in place (RFC 8489 §14.5-§14.7). Attributes are appended in call order; add MESSAGE-INTEGRITY,
/// MESSAGE-INTEGRITY-SHA256 and FINGERPRINT last, in that order. Running out of room is a sizing bug in the
/// caller and throws <see cref="ArgumentException"/>; nothing here depends on untrusted input.
/// </summary>
public ref struct StunMessageWriter
{
    private readonly Span<byte> buffer;
    private readonly IBufferWriter<byte>? output;
    private int length;
    private bool completed;

    /// <summary>Starts a message in <paramref name="destination"/>.</summary>
    /// <remarks><c>cookie</c>: The magic cookie; an RFC 3489 response passes the first 4 bytes of the client's 128-bit id.</remarks>
    public StunMessageWriter(Span<byte> destination, StunMethod method, StunClass messageClass, ReadOnlySpan<byte> transactionId, uint cookie = StunConstants.MagicCookie)
        : this(destination, null, StunMessageType.Encode(method, messageClass), transactionId, cookie)
    {
    }

    /// <summary>Starts a message in memory obtained from <paramref name="output"/>; call <see cref="Complete"/> to commit it.</summary>
    public StunMessageWriter(IBufferWriter<byte> output, StunMethod method, StunClass messageClass, ReadOnlySpan<byte> transactionId, int sizeHint = 1280)
        : this(output.GetSpan(sizeHint), output, StunMessageType.Encode(method, messageClass), transactionId, StunConstants.MagicCookie)
    {
    }

    private StunMessageWriter(Span<byte> destination, IBufferWriter<byte>? output, ushort type, ReadOnlySpan<byte> transactionId, uint cookie)
    {
        if (transactionId.Length != StunConstants.TransactionIdLength)
        {
            throw new ArgumentException($"A STUN transaction id is {StunConstants.TransactionIdLength} bytes, got {transactionId.Length}.", nameof(transactionId));
        }

        if (destination.Length < StunConstants.HeaderLength)
        {
            throw new ArgumentException("The destination cannot hold a 20-byte STUN header.", nameof(destination));
        }

        buffer = destination;
        this.output = output;
        BinaryPrimitives.WriteUInt16BigEndian(buffer, type);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], cookie);
        transactionId.CopyTo(buffer[8..]);
        length = StunConstants.HeaderLength;
        PaddingByte = 0;
    }

    /// <summary>
    /// Value of padding bytes. RFC 8489 §14 lets senders use any value; zero is the default. Set 0x20 to reproduce
    /// the RFC 5769 vectors, which pad with spaces.
    /// </summary>
    public byte PaddingByte { get; set; }

    /// <summary>Bytes written so far (header included).</summary>
    public readonly int Length => length;

    /// <summary>The message as written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => buffer[..length];

    /// <summary>Commits the message to the <see cref="IBufferWriter{T}"/> (no-op for a plain span) and returns its length.</summary>
    public int Complete()
    {
        if (!completed && output is not null)
        {
            output.Advance(length);
        }

        completed = true;
        return length;
    }

    /// <summary>Appends an attribute header and returns the (zeroed) value slice for in-place writing; padding is written.</summary>
    public Span<byte> Reserve(ushort type, int valueLength)
    {
        if ((uint)valueLength > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(valueLength), valueLength, "An attribute value is at most 65535 bytes.");
        }

        var padded = (valueLength + 3) & ~3;
        var total = StunConstants.AttributeHeaderLength + padded;
        if (length + total > buffer.Length || length + total - StunConstants.HeaderLength > ushort.MaxValue)
        {
            throw new ArgumentException($"STUN attribute 0x{type:X4} ({valueLength} bytes) does not fit: {length} of {buffer.Length} bytes used.");
        }

        var at = buffer[length..];
        BinaryPrimitives.WriteUInt16BigEndian(at, type);
        BinaryPrimitives.WriteUInt16BigEndian(at[2..], (ushort)valueLength);
        var value = at.Slice(StunConstants.AttributeHeaderLength, valueLength);
        value.Clear();
        at.Slice(StunConstants.AttributeHeaderLength + valueLength, padded - valueLength).Fill(PaddingByte);
        length += total;
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], (ushort)(length - StunConstants.HeaderLength));
        return value;
    }

    public void AddAttribute(StunAttributeType type, scoped ReadOnlySpan<byte> value) => AddAttribute((ushort)type, value);

    public void AddAttribute(ushort type, scoped ReadOnlySpan<byte> value) => value.CopyTo(Reserve(type, value.Length));

    /// <summary>UTF-8 text (USERNAME, REALM, NONCE, SOFTWARE), encoded straight into the message.</summary>
    public void AddText(StunAttributeType type, string text)
    {
        var value = Reserve((ushort)type, Encoding.UTF8.GetByteCount(text));
        Encoding.UTF8.GetBytes(text, value);
    }

    /// <summary>A 32-bit value: LIFETIME (seconds, RFC 8656 §18.2), CONNECTION-ID (RFC 6062 §6.2.1), PRIORITY.</summary>
    public void AddUInt32(StunAttributeType type, uint value) =>
        BinaryPrimitives.WriteUInt32BigEndian(Reserve((ushort)type, 4), value);

    public void AddLifetime(uint seconds) => AddUInt32(StunAttributeType.Lifetime, seconds);

    public void AddConnectionId(uint connectionId) => AddUInt32(StunAttributeType.ConnectionId, connectionId);

    /// <summary>CHANNEL-NUMBER: 16-bit number followed by 16 RFFU bits (RFC 8656 §18.1).</summary>
    public void AddChannelNumber(ushort channel) =>
        BinaryPrimitives.WriteUInt16BigEndian(Reserve((ushort)StunAttributeType.ChannelNumber, 4), channel);

    /// <summary>REQUESTED-TRANSPORT: IANA protocol number (17 = UDP, 6 = TCP) and 24 RFFU bits (RFC 8656 §18.7).</summary>
    public void AddRequestedTransport(byte protocol) => Reserve((ushort)StunAttributeType.RequestedTransport, 4)[0] = protocol;

    /// <summary>EVEN-PORT: one byte whose top bit R asks to reserve the next port too (RFC 8656 §18.6).</summary>
    public void AddEvenPort(bool reserveNext) => Reserve((ushort)StunAttributeType.EvenPort, 1)[0] = reserveNext ? (byte)0x80 : (byte)0;

    /// <summary>DONT-FRAGMENT has no value (RFC 8656 §18.9).</summary>
    public void AddDontFragment() => Reserve((ushort)StunAttributeType.DontFragment, 0);

    /// <summary>RESERVATION-TOKEN: 8 opaque bytes (RFC 8656 §18.10).</summary>
    public void AddReservationToken(ulong token) =>
        BinaryPrimitives.WriteUInt64BigEndian(Reserve((ushort)StunAttributeType.ReservationToken, 8), token);

    /// <summary>REQUESTED-ADDRESS-FAMILY or ADDITIONAL-ADDRESS-FAMILY: family byte and 24 RFFU bits (RFC 8656 §18.8, §18.11).</summary>
    public void AddAddressFamily(StunAttributeType type, StunAddressFamily family) => Reserve((ushort)type, 4)[0] = (byte)family;

    /// <summary>DATA: the application payload (RFC 8656 §18.4).</summary>
    public void AddData(scoped ReadOnlySpan<byte> data) => AddAttribute(StunAttributeType.Data, data);

    /// <summary>USERHASH: SHA-256 of "username:realm" (RFC 8489 §14.4), 32 bytes.</summary>
    public void AddUserHash(scoped ReadOnlySpan<byte> hash)
    {
        if (hash.Length != 32)
        {
            throw new ArgumentException("USERHASH is a 32-byte SHA-256 value.", nameof(hash));
        }

        AddAttribute(StunAttributeType.UserHash, hash);
    }

    /// <summary>PASSWORD-ALGORITHM: algorithm, parameter length, parameters (RFC 8489 §14.12). Both defined algorithms have no parameters.</summary>
    public void AddPasswordAlgorithm(StunPasswordAlgorithm algorithm) =>
        BinaryPrimitives.WriteUInt16BigEndian(Reserve((ushort)StunAttributeType.PasswordAlgorithm, 4), (ushort)algorithm);

    /// <summary>PASSWORD-ALGORITHMS: the list the server offers, most preferred first (RFC 8489 §14.11).</summary>
    public void AddPasswordAlgorithms(scoped ReadOnlySpan<StunPasswordAlgorithm> algorithms)
    {
        var value = Reserve((ushort)StunAttributeType.PasswordAlgorithms, 4 * algorithms.Length);
        for (var i = 0; i < algorithms.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(value[(4 * i)..], (ushort)algorithms[i]);
        }
    }

    /// <summary>UNKNOWN-ATTRIBUTES: the 16-bit types a 420 response rejects (RFC 8489 §14.9).</summary>
    public void AddUnknownAttributes(scoped ReadOnlySpan<ushort> types)
    {
        var value = Reserve((ushort)StunAttributeType.UnknownAttributes, 2 * types.Length);
        for (var i = 0; i < types.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(value[(2 * i)..], types[i]);
        }
    }

    /// <summary>ERROR-CODE: class (hundreds) in 3 bits, number (0-99) in 8 bits, UTF-8 reason (RFC 8489 §14.8).</summary>
    public void AddErrorCode(int code, string? reason = null)
    {
        ValidateErrorCode(code);
        reason ??= StunErrorCodes.ReasonPhrase(code);
        var value = Reserve((ushort)StunAttributeType.ErrorCode, 4 + Encoding.UTF8.GetByteCount(reason));
        value[2] = (byte)(code / 100);
        value[3] = (byte)(code % 100);
        Encoding.UTF8.GetBytes(reason, value[4..]);
    }

    /// <summary>ADDRESS-ERROR-CODE: family, reserved bits, then class/number/reason as ERROR-CODE (RFC 8656 §18.12).</summary>
    public void AddAddressErrorCode(StunAddressFamily family, int code, string? reason = null)
    {
        ValidateErrorCode(code);
        reason ??= StunErrorCodes.ReasonPhrase(code);
        var value = Reserve((ushort)StunAttributeType.AddressErrorCode, 4 + Encoding.UTF8.GetByteCount(reason));
        value[0] = (byte)family;
        value[2] = (byte)(code / 100);
        value[3] = (byte)(code % 100);
        Encoding.UTF8.GetBytes(reason, value[4..]);
    }

    /// <summary>ICMP: 16 reserved bits, ICMP type, ICMP code, 32 bits of error data (RFC 8656 §18.13).</summary>
    public void AddIcmp(byte icmpType, byte icmpCode, uint errorData)
    {
        var value = Reserve((ushort)StunAttributeType.Icmp, 8);
        value[2] = icmpType;
        value[3] = icmpCode;
        BinaryPrimitives.WriteUInt32BigEndian(value[4..], errorData);
    }

    /// <summary>A plain address attribute (MAPPED-ADDRESS, ALTERNATE-SERVER; RFC 8489 §14.1).</summary>
    public void AddAddress(StunAttributeType type, IPAddress address, int port) =>
        WriteAddress(type, address, port, xor: false);

    /// <summary>An XOR'ed address attribute (XOR-MAPPED-ADDRESS, XOR-PEER-ADDRESS, XOR-RELAYED-ADDRESS; RFC 8489 §14.2).</summary>
    public void AddXorAddress(StunAttributeType type, IPAddress address, int port) =>
        WriteAddress(type, address, port, xor: true);

    /// <summary>Address attribute straight from raw bytes (4 or 16), as read by <see cref="StunSocketAddress"/>.</summary>
    public void AddAddress(StunAttributeType type, scoped ReadOnlySpan<byte> address, ushort port, bool xor)
    {
        if (address.Length is not (4 or 16))
        {
            throw new ArgumentException("An address is 4 (IPv4) or 16 (IPv6) bytes.", nameof(address));
        }

        var value = Reserve((ushort)type, 4 + address.Length);
        value[1] = (byte)(address.Length == 4 ? StunAddressFamily.IPv4 : StunAddressFamily.IPv6);
        BinaryPrimitives.WriteUInt16BigEndian(value[2..], xor ? (ushort)(port ^ (StunConstants.MagicCookie >> 16)) : port);
        address.CopyTo(value[4..]);
        if (xor)
        {
            // RFC 8489 §14.2: X-Address is the address XOR'ed with the magic cookie, then (IPv6) the transaction id.
            // The header already holds cookie || transaction id in bytes 4..19.
            var mask = buffer.Slice(4, address.Length);
            var target = value.Slice(4, address.Length);
            for (var i = 0; i < target.Length; i++)
            {
                target[i] ^= mask[i];
            }
        }
    }

    /// <summary>
    /// MESSAGE-INTEGRITY: HMAC-SHA1 keyed with the short-term password or long-term key (RFC 8489 §14.5, §9.2.2).
    /// </summary>
    public void AddMessageIntegrity(scoped ReadOnlySpan<byte> key)
    {
        var offset = length;
        var value = Reserve((ushort)StunAttributeType.MessageIntegrity, StunConstants.MessageIntegrityLength);
        StunMessage.ComputeHmac(buffer, offset, StunConstants.MessageIntegrityLength, key, sha256: false, value);
    }

    /// <summary>MESSAGE-INTEGRITY-SHA256, optionally truncated to 16..32 bytes in steps of 4 (RFC 8489 §14.6).</summary>
    public void AddMessageIntegritySha256(scoped ReadOnlySpan<byte> key, int truncateTo = StunConstants.MessageIntegritySha256Length)
    {
        if (truncateTo < StunConstants.MessageIntegritySha256MinLength || truncateTo > StunConstants.MessageIntegritySha256Length || (truncateTo & 3) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(truncateTo), truncateTo, "RFC 8489 §14.6: 16 to 32 bytes, a multiple of 4.");
        }

        var offset = length;
        var value = Reserve((ushort)StunAttributeType.MessageIntegritySha256, truncateTo);
        Span<byte> mac = stackalloc byte[StunConstants.MessageIntegritySha256Length];
        StunMessage.ComputeHmac(buffer, offset, truncateTo, key, sha256: true, mac);
        mac[..truncateTo].CopyTo(value);
    }

    /// <summary>FINGERPRINT: CRC-32 of everything before it, XOR 0x5354554E (RFC 8489 §14.7). Must be the last attribute.</summary>
    public void AddFingerprint()
    {
        var offset = length;
        var value = Reserve((ushort)StunAttributeType.Fingerprint, StunConstants.FingerprintLength);
        var crc = Crc32.Compute(buffer[..offset]) ^ StunConstants.FingerprintXor;
        BinaryPrimitives.WriteUInt32BigEndian(value, crc);
    }

    private void WriteAddress(StunAttributeType type, IPAddress address, int port, bool xor)
    {
        if ((uint)port > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "A port is 0..65535.");
        }

        Span<byte> bytes = stackalloc byte[16];
        var normalized = StunSocketAddress.Unmap(address);
        if (normalized.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            || !normalized.TryWriteBytes(bytes, out var written))
        {
            throw new ArgumentException($"Only IPv4 and IPv6 addresses can be encoded, got {address}.", nameof(address));
        }

        AddAddress(type, bytes[..written], (ushort)port, xor);
    }

    private static void ValidateErrorCode(int code)
    {
        if (code is < 300 or > 699)
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "RFC 8489 §14.8: error codes are 300..699.");
        }
    }
}
