namespace Cluster.Runtime.Commands.Protocol;

/// <summary>
/// Reads newline-delimited frames from a stream with a hard cap on frame size, so a peer that never sends a newline
/// cannot make the reader buffer without limit. Not thread-safe: one reader loop per connection.
/// </summary>
public sealed class FrameReader
{
    private readonly Stream stream;
    private readonly int maxFrameBytes;
    private byte[] buffer = new byte[4096];
    private int start;
    private int end;
    private int scanned;

    public FrameReader(Stream stream, int maxFrameBytes = ShellProtocol.DefaultMaxFrameBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameBytes, 64);
        this.stream = stream;
        this.maxFrameBytes = maxFrameBytes;
    }

    /// <summary>The next frame, or null when the peer closed the stream cleanly between frames.</summary>
    public async ValueTask<ShellFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', scanned, end - scanned);
            if (newline >= 0)
            {
                var lineStart = start;
                start = scanned = newline + 1;
                var length = newline - lineStart;
                if (length > 0 && buffer[newline - 1] == (byte)'\r')
                    length--;
                if (length == 0)
                    continue; // blank lines are keep-alives from hand-typed sessions
                return ShellProtocol.Decode(buffer.AsSpan(lineStart, length));
            }
            scanned = end;
            if (end - start > maxFrameBytes)
                throw new ShellProtocolException($"frame longer than {maxFrameBytes} bytes");
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                scanned -= start;
                start = 0;
            }
            if (end == buffer.Length)
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxFrameBytes + 2));
            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                if (end > start)
                    throw new ShellProtocolException("connection closed in the middle of a frame");
                return null;
            }
            end += read;
        }
    }
}
