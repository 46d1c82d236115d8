using System.Buffers;
using System.Buffers.Binary;

namespace Cluster.Edges.Turn.Channels;

/// <summary>
/// Cuts a TCP/TLS byte stream into STUN messages and ChannelData messages (RFC 8656 §12.5: "the first two bits ...
/// distinguish"). It only looks: it never consumes, so a caller that gets <see cref="StreamFrameStatus.NeedMoreData"/>
/// keeps the partial bytes and tries again after the next read.
/// </summary>
public static class StunStreamFramer
{
    /// <summary>Header bytes needed to frame STUN: type, length and the magic cookie.</summary>
    private const int StunProbeLength = 8;

    /// <summary>Finds the first frame in <paramref name="buffered"/>.</summary>
    /// <remarks><c>rfc5766Channels</c>: ChannelData may use channel numbers up to 0x7FFF (RFC 5766 clients).</remarks>
    public static StreamFrameStatus TryGetFrame(ReadOnlySpan<byte> buffered, out StreamFrameKind kind, out int frameLength, int maxFrameLength = Stun.StunConstants.MaxMessageLength, bool rfc5766Channels = false)
    {
        kind = default;
        frameLength = 0;
        if (buffered.IsEmpty)
        {
            return StreamFrameStatus.NeedMoreData;
        }

        switch (buffered[0] >> 6)
        {
            case 0b00:
                kind = StreamFrameKind.Stun;
                if (buffered.Length < StunProbeLength)
                {
                    return StreamFrameStatus.NeedMoreData;
                }

                var stunLength = BinaryPrimitives.ReadUInt16BigEndian(buffered[2..]);
                if ((stunLength & 3) != 0 || BinaryPrimitives.ReadUInt32BigEndian(buffered[4..]) != Stun.StunConstants.MagicCookie)
                {
                    return StreamFrameStatus.Invalid;
                }

                frameLength = Stun.StunConstants.HeaderLength + stunLength;
                break;
            case 0b01:
                kind = StreamFrameKind.ChannelData;
                if (buffered.Length < ChannelData.HeaderLength)
                {
                    return StreamFrameStatus.NeedMoreData;
                }

                if (!ChannelData.IsValidChannelNumber(BinaryPrimitives.ReadUInt16BigEndian(buffered), rfc5766Channels))
                {
                    return StreamFrameStatus.Invalid;
                }

                // RFC 8656 §12.5: over TCP/TLS the ChannelData message is padded to a multiple of four bytes.
                frameLength = ChannelData.GetEncodedLength(BinaryPrimitives.ReadUInt16BigEndian(buffered[2..]), padToFourBytes: true);
                break;
            default:
                return StreamFrameStatus.Invalid;
        }

        if (frameLength > maxFrameLength)
        {
            return StreamFrameStatus.Invalid;
        }

        return buffered.Length >= frameLength ? StreamFrameStatus.Complete : StreamFrameStatus.NeedMoreData;
    }

    /// <summary>Same as the span overload for a pipe's <see cref="ReadOnlySequence{T}"/>.</summary>
    public static StreamFrameStatus TryGetFrame(in ReadOnlySequence<byte> buffered, out StreamFrameKind kind, out int frameLength, int maxFrameLength = Stun.StunConstants.MaxMessageLength, bool rfc5766Channels = false)
    {
        if (buffered.IsSingleSegment)
        {
            return TryGetFrame(buffered.FirstSpan, out kind, out frameLength, maxFrameLength, rfc5766Channels);
        }

        Span<byte> header = stackalloc byte[StunProbeLength];
        var available = (int)Math.Min(buffered.Length, StunProbeLength);
        buffered.Slice(0, available).CopyTo(header);
        var status = TryGetFrame(header[..available], out kind, out frameLength, maxFrameLength, rfc5766Channels);
        if (status == StreamFrameStatus.NeedMoreData && frameLength > 0)
        {
            // The probe held the whole header; whether the frame is complete depends on the full length.
            return buffered.Length >= frameLength ? StreamFrameStatus.Complete : StreamFrameStatus.NeedMoreData;
        }

        return status;
    }
}
