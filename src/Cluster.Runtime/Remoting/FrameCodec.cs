using System.Buffers.Binary;
using System.Text;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// Writes frames in the layout of docs/runtime/remoting.md ("Frame layout"): a 4-byte big-endian length N of what
/// follows, one kind byte, then the kind's body. Strings are UTF-8 with a 2-byte big-endian length; a message's payload
/// takes the rest of the frame. Writing happens on the caller's thread into a pooled buffer so that the writer loop
/// only copies bytes.
/// </summary>
internal static class FrameCodec
{
    public const int LengthPrefixSize = 4;
    public const int HeaderSize = LengthPrefixSize + 1;

    /// <summary>Length prefix, kind and three string lengths: the smallest message frame minus its strings and payload.</summary>
    public const int MessageOverhead = HeaderSize + 6;

    public const int HeartbeatFrameSize = HeaderSize + 8;
    public const int CloseFrameSize = HeaderSize + 1;

    private const int MaxStringBytes = ushort.MaxValue;

    /// <summary>Upper bound of the bytes a message header with these strings occupies (before exact encoding).</summary>
    public static int MaxMessageHeaderSize(string recipient, string? sender, string manifest) =>
        MessageOverhead + 3 * (recipient.Length + (sender?.Length ?? 0) + manifest.Length);

    /// <summary>Checks the strings of a message; throws <see cref="ArgumentException"/> for input no frame can carry.</summary>
    public static void ValidateMessageStrings(string recipient, string? sender, string manifest)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(manifest);
        if (recipient.Length == 0) throw new ArgumentException("Recipient path must not be empty.", nameof(recipient));
        if (sender is { Length: 0 }) throw new ArgumentException("Sender path must be null (no sender) or non-empty.", nameof(sender));
        CheckLength(recipient, nameof(recipient));
        if (sender is not null) CheckLength(sender, nameof(sender));
        CheckLength(manifest, nameof(manifest));
    }

    private static void CheckLength(string value, string name)
    {
        if (value.Length > MaxStringBytes / 3 && Encoding.UTF8.GetByteCount(value) > MaxStringBytes)
            throw new ArgumentException($"{name} is longer than {MaxStringBytes} bytes of UTF-8.", name);
    }

    /// <summary>Writes length placeholder, kind and the three strings; returns the offset where the payload starts.</summary>
    public static int WriteMessageHeader(Span<byte> destination, FrameKind kind, string recipient, string? sender, string manifest)
    {
        destination[LengthPrefixSize] = (byte)kind;
        var pos = HeaderSize;
        pos += WriteString(destination[pos..], recipient);
        pos += WriteString(destination[pos..], sender);
        pos += WriteString(destination[pos..], manifest);
        return pos;
    }

    /// <summary>Fills in the length prefix once the frame's total size (prefix included) is known.</summary>
    public static void WriteLengthPrefix(Span<byte> frame, int totalSize) =>
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)(totalSize - LengthPrefixSize));

    public static int WriteHeartbeat(Span<byte> destination, FrameKind kind, long sequence)
    {
        WriteLengthPrefix(destination, HeartbeatFrameSize);
        destination[LengthPrefixSize] = (byte)kind;
        BinaryPrimitives.WriteInt64BigEndian(destination[HeaderSize..], sequence);
        return HeartbeatFrameSize;
    }

    public static int WriteClose(Span<byte> destination, CloseReason reason)
    {
        WriteLengthPrefix(destination, CloseFrameSize);
        destination[LengthPrefixSize] = (byte)FrameKind.Close;
        destination[HeaderSize] = (byte)reason;
        return CloseFrameSize;
    }

    /// <summary>Encodes a handshake frame (rare: once per connection and direction, so it may allocate).</summary>
    public static byte[] EncodeHandshake(HandshakeFrame handshake)
    {
        var system = Encoding.UTF8.GetBytes(handshake.SystemName);
        var host = Encoding.UTF8.GetBytes(handshake.From.Host);
        if (system.Length > MaxStringBytes || host.Length > MaxStringBytes)
            throw new ArgumentException("Handshake system name or host is too long.", nameof(handshake));
        var size = HeaderSize + 4 + 1 + 1 + 1 + 8 + 2 + 2 + system.Length + 2 + host.Length;
        var frame = new byte[size];
        var span = frame.AsSpan();
        WriteLengthPrefix(span, size);
        span[LengthPrefixSize] = (byte)FrameKind.Handshake;
        var pos = HeaderSize;
        BinaryPrimitives.WriteUInt32BigEndian(span[pos..], HandshakeFrame.Magic); pos += 4;
        span[pos++] = HandshakeFrame.Version;
        span[pos++] = (byte)handshake.Phase;
        span[pos++] = (byte)handshake.RejectReason;
        BinaryPrimitives.WriteInt64BigEndian(span[pos..], handshake.Uid); pos += 8;
        BinaryPrimitives.WriteUInt16BigEndian(span[pos..], (ushort)handshake.From.Port); pos += 2;
        BinaryPrimitives.WriteUInt16BigEndian(span[pos..], (ushort)system.Length); pos += 2;
        system.CopyTo(span[pos..]); pos += system.Length;
        BinaryPrimitives.WriteUInt16BigEndian(span[pos..], (ushort)host.Length); pos += 2;
        host.CopyTo(span[pos..]);
        return frame;
    }

    private static int WriteString(Span<byte> destination, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination, 0);
            return 2;
        }
        var written = Encoding.UTF8.GetBytes(value, destination[2..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)written);
        return 2 + written;
    }
}
