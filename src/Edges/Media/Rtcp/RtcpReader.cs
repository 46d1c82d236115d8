using System.Buffers.Binary;

namespace Cluster.Edges.Media.Rtcp;

/// <summary>
/// Allocation-free reading of RTCP compound packets (RFC 3550 §6): the relay walks sender and receiver reports for
/// statistics and forwards the datagram unchanged, so nothing here rewrites a byte.
/// </summary>
public static class RtcpReader
{
    public const byte SenderReport = 200;
    public const byte ReceiverReport = 201;

    /// <summary>
    /// RFC 5761 §4: on a multiplexed port, a packet whose second byte is 192..223 (payload type 64..95 with the
    /// marker bit) is RTCP, anything else with version 2 is RTP.
    /// </summary>
    public static bool LooksLikeRtcp(ReadOnlySpan<byte> packet) =>
        packet.Length >= 8 && packet[0] >> 6 == 2 && packet[1] is >= 192 and <= 223;

    /// <summary>Version 2 RTP with at least the fixed 12-byte header (RFC 3550 §5.1).</summary>
    public static bool LooksLikeRtp(ReadOnlySpan<byte> packet) => packet.Length >= 12 && packet[0] >> 6 == 2;

    /// <summary>The SSRC that identifies the sender: RTP header bytes 8..11, RTCP bytes 4..7. 0 when too short.</summary>
    public static uint SourceSsrc(ReadOnlySpan<byte> packet, bool rtcp)
    {
        var offset = rtcp ? 4 : 8;
        return packet.Length >= offset + 4 ? BinaryPrimitives.ReadUInt32BigEndian(packet[offset..]) : 0;
    }

    /// <summary>
    /// Calls <paramref name="onSenderReport"/> with the middle 32 bits of each SR's NTP timestamp (the value
    /// receivers echo as LSR) and <paramref name="onBlock"/> for every report block of every SR and RR in the
    /// compound packet. Returns false, after reporting what preceded it, when a length field does not fit.
    /// </summary>
    public static bool ReadReports<TState>(ReadOnlySpan<byte> compound, TState state, Action<TState, uint> onSenderReport, Action<TState, RtcpReportBlock> onBlock)
    {
        while (compound.Length >= 4)
        {
            if (compound[0] >> 6 != 2)
                return false;
            var count = compound[0] & 0x1F;
            var type = compound[1];
            var length = (BinaryPrimitives.ReadUInt16BigEndian(compound[2..]) + 1) * 4; // RFC 3550 §6.4.1: in 32-bit words minus one
            if (length > compound.Length)
                return false;
            var packet = compound[..length];
            compound = compound[length..];
            int blocksAt;
            if (type == SenderReport)
            {
                // header(4) SSRC(4) NTP(8) RTP ts(4) packets(4) octets(4)
                if (packet.Length < 28)
                    return false;
                var ntpMiddle = BinaryPrimitives.ReadUInt32BigEndian(packet[10..]);
                onSenderReport(state, ntpMiddle);
                blocksAt = 28;
            }
            else if (type == ReceiverReport)
            {
                blocksAt = 8;
            }
            else
            {
                continue; // SDES, BYE, APP, feedback: relayed, not read
            }
            if (blocksAt + count * RtcpReportBlock.Size > packet.Length)
                return false;
            for (var i = 0; i < count; i++)
                onBlock(state, RtcpReportBlock.Read(packet[(blocksAt + i * RtcpReportBlock.Size)..]));
        }
        return compound.IsEmpty;
    }
}
