using System.Buffers;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// Growable writer over a rented array that an <see cref="IRemotePayloadSerializer"/> writes a payload into, right
/// after the frame header, so a message is serialized into its frame without an intermediate copy. One instance per
/// thread is reused; <see cref="Detach"/> hands the array to the queued frame.
/// </summary>
internal sealed class FrameBufferWriter : IBufferWriter<byte>
{
    [ThreadStatic] private static FrameBufferWriter? cached;

    private byte[] _buffer = [];
    private int _written;
    private bool _inUse;

    public static FrameBufferWriter Rent(int initialSize)
    {
        var writer = cached is { _inUse: false } c ? c : new FrameBufferWriter();
        cached = writer;
        writer._inUse = true;
        writer._buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialSize, 256));
        writer._written = 0;
        return writer;
    }

    public int WrittenCount => _written;
    public Span<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>Space for the header: the caller writes it into <see cref="GetSpan"/> and advances.</summary>
    public void Advance(int count)
    {
        if (count < 0 || _written + count > _buffer.Length) throw new ArgumentOutOfRangeException(nameof(count));
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Returns the buffer holding the written bytes; the writer becomes reusable.</summary>
    public byte[] Detach()
    {
        var buffer = _buffer;
        _buffer = [];
        _inUse = false;
        return buffer;
    }

    /// <summary>Gives the buffer back to the pool (frame rejected or serializer failed).</summary>
    public void Discard() => ArrayPool<byte>.Shared.Return(Detach());

    private void Ensure(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed) return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + needed));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
