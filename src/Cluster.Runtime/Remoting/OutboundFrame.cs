using System.Buffers;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// A fully encoded message frame waiting in a send queue. The buffer is rented from <see cref="ArrayPool{T}.Shared"/>
/// by the sending thread and returned by the writer loop once copied into a batch (or when the frame is discarded).
/// </summary>
internal readonly struct OutboundFrame(byte[] buffer, int length)
{
    public byte[] Buffer { get; } = buffer;
    public int Length { get; } = length;

    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    public void Release() => ArrayPool<byte>.Shared.Return(Buffer);
}
