using System.Buffers.Binary;

namespace Cluster.Edges.Tests.Media.Support;

/// <summary>Builds RTP and RTCP packets with known field values (RFC 3550 §5.1, §6.4.1, §6.4.2).</summary>
internal static class RtpPackets
{
    public static byte[] Rtp(uint ssrc, ushort sequence, uint timestamp = 0, byte payloadType = 0, int payloadBytes = 160, byte fill = 0xD5)
    {
        var packet = new byte[12 + payloadBytes];
        packet[0] = 0x80;
        packet[1] = payloadType;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        packet.AsSpan(12).Fill(fill);
        return packet;
    }

    /// <summary>A sender report with the given NTP timestamp (seconds, fraction) and optional report blocks.</summary>
    public static byte[] SenderReport(uint ssrc, uint ntpSeconds, uint ntpFraction, params Block[] blocks)
    {
        var packet = new byte[28 + blocks.Length * 24];
        Header(packet, 200, blocks.Length);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ntpSeconds);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(12), ntpFraction);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(16), 1234);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(20), 50);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(24), 8000);
        for (var i = 0; i < blocks.Length; i++)
            blocks[i].Write(packet.AsSpan(28 + i * 24));
        return packet;
    }

    public static byte[] ReceiverReport(uint ssrc, params Block[] blocks)
    {
        var packet = new byte[8 + blocks.Length * 24];
        Header(packet, 201, blocks.Length);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), ssrc);
        for (var i = 0; i < blocks.Length; i++)
            blocks[i].Write(packet.AsSpan(8 + i * 24));
        return packet;
    }

    /// <summary>LSR as receivers echo it: the middle 32 bits of the SR's 64-bit NTP timestamp.</summary>
    public static uint MiddleNtp(uint seconds, uint fraction) => (seconds << 16) | (fraction >> 16);

    private static void Header(byte[] packet, byte type, int count)
    {
        packet[0] = (byte)(0x80 | count);
        packet[1] = type;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(packet.Length / 4 - 1));
    }

    internal sealed record Block(uint Ssrc, byte FractionLost, int CumulativeLost, uint HighestSequence, uint Jitter, uint Lsr, uint Dlsr)
    {
        public void Write(Span<byte> span)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, Ssrc);
            span[4] = FractionLost;
            span[5] = (byte)(CumulativeLost >> 16);
            span[6] = (byte)(CumulativeLost >> 8);
            span[7] = (byte)CumulativeLost;
            BinaryPrimitives.WriteUInt32BigEndian(span[8..], HighestSequence);
            BinaryPrimitives.WriteUInt32BigEndian(span[12..], Jitter);
            BinaryPrimitives.WriteUInt32BigEndian(span[16..], Lsr);
            BinaryPrimitives.WriteUInt32BigEndian(span[20..], Dlsr);
        }
    }
}
