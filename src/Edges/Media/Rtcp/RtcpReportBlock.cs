using System.Buffers.Binary;

namespace Cluster.Edges.Media.Rtcp;

/// <summary>
/// One reception report block of an SR or RR (RFC 3550 §6.4.1, 24 bytes): what the reporter received from
/// <see cref="Ssrc"/>.
/// </summary>
public readonly record struct RtcpReportBlock(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint HighestSequence,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    public const int Size = 24;

    /// <summary>Reads a block; <paramref name="block"/> must hold at least <see cref="Size"/> bytes.</summary>
    public static RtcpReportBlock Read(ReadOnlySpan<byte> block)
    {
        // Cumulative lost is a signed 24-bit number (duplicates can make it negative).
        var lost = (block[5] << 16) | (block[6] << 8) | block[7];
        if ((lost & 0x800000) != 0)
            lost |= unchecked((int)0xFF000000);
        return new RtcpReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(block),
            block[4],
            lost,
            BinaryPrimitives.ReadUInt32BigEndian(block[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(block[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(block[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(block[20..]));
    }

    /// <summary>Fraction lost as a percentage (the field is a fixed-point fraction over 256).</summary>
    public double LossPercent => FractionLost * 100.0 / 256.0;
}
