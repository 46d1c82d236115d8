using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// Reads frames from received bytes without copying them: bodies are slices of the pipe's pooled segments and stay
/// valid only until the reader advances. Returns <see cref="FrameReadStatus.Incomplete"/> for "need more bytes" and
/// never consumes partial input. Body parsers return false for malformed bodies; the connection then closes.
/// </summary>
internal static class FrameParser
{
    public static FrameReadStatus TryReadFrame(
        ref ReadOnlySequence<byte> buffer, int maxFrameSize, out FrameKind kind, out ReadOnlySequence<byte> body, out long declaredLength)
    {
        kind = default;
        body = default;
        declaredLength = 0;
        if (buffer.Length < FrameCodec.LengthPrefixSize) return FrameReadStatus.Incomplete;

        Span<byte> header = stackalloc byte[FrameCodec.HeaderSize];
        var available = (int)Math.Min(buffer.Length, FrameCodec.HeaderSize);
        buffer.Slice(0, available).CopyTo(header);
        declaredLength = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (declaredLength == 0) return FrameReadStatus.Malformed;
        if (declaredLength > maxFrameSize) return FrameReadStatus.Oversized;
        if (available < FrameCodec.HeaderSize) return FrameReadStatus.Incomplete;

        kind = (FrameKind)header[FrameCodec.LengthPrefixSize];
        if (kind is < FrameKind.Handshake or > FrameKind.Close) return FrameReadStatus.Malformed;
        var total = FrameCodec.LengthPrefixSize + declaredLength;
        if (buffer.Length < total) return FrameReadStatus.Incomplete;

        body = buffer.Slice(FrameCodec.HeaderSize, declaredLength - 1);
        buffer = buffer.Slice(total);
        return FrameReadStatus.Complete;
    }

    /// <summary>Splits a user/system message body into its strings (still encoded) and payload.</summary>
    public static bool TryParseMessage(
        in ReadOnlySequence<byte> body,
        out ReadOnlySequence<byte> recipient,
        out ReadOnlySequence<byte> sender,
        out ReadOnlySequence<byte> manifest,
        out ReadOnlySequence<byte> payload)
    {
        var reader = new SequenceReader<byte>(body);
        sender = manifest = payload = default;
        if (!TryReadString(ref reader, out recipient) || recipient.IsEmpty) return false;
        if (!TryReadString(ref reader, out sender)) return false;
        if (!TryReadString(ref reader, out manifest)) return false;
        payload = reader.UnreadSequence;
        return true;
    }

    public static bool TryParseSequence(in ReadOnlySequence<byte> body, out long sequence)
    {
        sequence = 0;
        if (body.Length != 8) return false;
        var reader = new SequenceReader<byte>(body);
        return reader.TryReadBigEndian(out sequence);
    }

    public static bool TryParseClose(in ReadOnlySequence<byte> body, out CloseReason reason)
    {
        reason = default;
        if (body.Length != 1) return false;
        var value = body.FirstSpan[0];
        if (value > (byte)CloseReason.Replaced) return false;
        reason = (CloseReason)value;
        return true;
    }

    public static bool TryParseHandshake(in ReadOnlySequence<byte> body, out HandshakeFrame? handshake, out string? problem)
    {
        handshake = null;
        var reader = new SequenceReader<byte>(body);
        if (!reader.TryReadBigEndian(out int magic) || (uint)magic != HandshakeFrame.Magic) { problem = "bad magic"; return false; }
        if (!reader.TryRead(out var version) || version != HandshakeFrame.Version) { problem = $"unsupported version {version}"; return false; }
        if (!reader.TryRead(out var phase) || phase > (byte)HandshakePhase.Reject) { problem = "bad phase"; return false; }
        if (!reader.TryRead(out var reason) || reason > (byte)HandshakeRejectReason.InvalidAddress) { problem = "bad reject reason"; return false; }
        if (!reader.TryReadBigEndian(out long uid)) { problem = "truncated uid"; return false; }
        if (!reader.TryReadBigEndian(out short rawPort) || (ushort)rawPort == 0) { problem = "bad port"; return false; }
        if (!TryReadString(ref reader, out var system) || system.IsEmpty) { problem = "bad system name"; return false; }
        if (!TryReadString(ref reader, out var host) || host.IsEmpty) { problem = "bad host"; return false; }
        if (!reader.End) { problem = "trailing bytes"; return false; }
        if (!TryDecode(system, out var systemName) || !TryDecode(host, out var hostName)) { problem = "invalid UTF-8"; return false; }
        handshake = new HandshakeFrame((HandshakePhase)phase, (HandshakeRejectReason)reason, systemName, new NodeAddress(hostName, (ushort)rawPort), uid);
        problem = null;
        return true;
    }

    private static bool TryReadString(ref SequenceReader<byte> reader, out ReadOnlySequence<byte> value)
    {
        value = default;
        if (!reader.TryReadBigEndian(out short rawLength)) return false;
        var length = (ushort)rawLength;
        return reader.TryReadExact(length, out value);
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool TryDecode(in ReadOnlySequence<byte> bytes, out string value)
    {
        try
        {
            value = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            value = "";
            return false;
        }
    }
}
