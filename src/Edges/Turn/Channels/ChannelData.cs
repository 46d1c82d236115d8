using System.Buffers.Binary;

namespace Cluster.Edges.Turn.Channels;

/// <summary>
/// ChannelData framing (RFC 8656 §12.4): a 4-byte header (channel number, data length) in front of application
/// data, the cheap alternative to Send/Data indications once a channel is bound. Over TCP and TLS the message is
/// padded to a multiple of 4 bytes; over UDP padding is optional and not counted in the length field (§12.5).
/// </summary>
public static class ChannelData
{
    /// <summary>RFC 8656 §12: lowest channel number a client may bind.</summary>
    public const ushort MinChannelNumber = 0x4000;

    /// <summary>RFC 8656 §12: highest channel number a client may bind (0x5000-0xFFFF are reserved or not ChannelData).</summary>
    public const ushort MaxChannelNumber = 0x4FFF;

    /// <summary>
    /// RFC 5766 §11 let clients bind 0x4000-0x7FFF; RFC 8656 §12 narrowed it to 0x4FFF. Older clients (coturn's own
    /// turnutils_uclient among them) still pick numbers up to 0x7FFF, so the server may accept them.
    /// </summary>
    public const ushort Rfc5766MaxChannelNumber = 0x7FFF;

    /// <summary>Size of the channel number + length header.</summary>
    public const int HeaderLength = 4;

    public static bool IsValidChannelNumber(ushort channel) => channel is >= MinChannelNumber and <= MaxChannelNumber;

    /// <summary>With <paramref name="rfc5766"/>, the wider RFC 5766 range 0x4000-0x7FFF is valid too.</summary>
    public static bool IsValidChannelNumber(ushort channel, bool rfc5766) =>
        channel >= MinChannelNumber && channel <= (rfc5766 ? Rfc5766MaxChannelNumber : MaxChannelNumber);

    /// <summary>Bytes a ChannelData message with <paramref name="dataLength"/> bytes of data occupies.</summary>
    public static int GetEncodedLength(int dataLength, bool padToFourBytes) =>
        HeaderLength + (padToFourBytes ? (dataLength + 3) & ~3 : dataLength);

    /// <summary>
    /// Writes a ChannelData message and returns its length. Pass <paramref name="padToFourBytes"/> = true on TCP/TLS
    /// (RFC 8656 §12.5 requires it there); the padding bytes are zero.
    /// </summary>
    public static int Write(Span<byte> destination, ushort channel, ReadOnlySpan<byte> data, bool padToFourBytes)
    {
        if (!IsValidChannelNumber(channel))
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "RFC 8656 §12: channel numbers are 0x4000-0x4FFF.");
        }

        if (data.Length > ushort.MaxValue)
        {
            throw new ArgumentException("ChannelData carries at most 65535 bytes.", nameof(data));
        }

        var total = GetEncodedLength(data.Length, padToFourBytes);
        if (destination.Length < total)
        {
            throw new ArgumentException($"ChannelData of {total} bytes does not fit in {destination.Length} bytes.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, channel);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)data.Length);
        data.CopyTo(destination[HeaderLength..]);
        destination[(HeaderLength + data.Length)..total].Clear();
        return total;
    }

    /// <summary>
    /// Reads a ChannelData message from a datagram (padding optional) or from a frame cut by
    /// <see cref="StunStreamFramer"/>. Returns false for a bad channel number or a length beyond the buffer.
    /// </summary>
    /// <remarks><c>rfc5766</c>: accept channel numbers up to 0x7FFF (RFC 5766 clients).</remarks>
    public static bool TryRead(ReadOnlySpan<byte> buffer, out ushort channel, out ReadOnlySpan<byte> data, bool rfc5766 = false)
    {
        channel = 0;
        data = default;
        if (buffer.Length < HeaderLength)
        {
            return false;
        }

        channel = BinaryPrimitives.ReadUInt16BigEndian(buffer);
        var length = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        if (!IsValidChannelNumber(channel, rfc5766) || HeaderLength + length > buffer.Length)
        {
            return false;
        }

        data = buffer.Slice(HeaderLength, length);
        return true;
    }
}
