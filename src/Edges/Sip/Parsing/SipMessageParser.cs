using System.Buffers;

namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// Entry points of the SIP parser. Streams (TCP, TLS, WebSocket) are framed by Content-Length and may return
/// <see cref="SipParseStatus.NeedMoreData"/> without consuming anything; a datagram is one message (RFC 3261 §18.3).
/// Nothing escapes as an exception: malformed input and internal faults both come back as
/// <see cref="SipParseStatus.Invalid"/> with a <see cref="SipParseError"/>, and are counted in <see cref="SipParserCounters"/>.
/// </summary>
public static partial class SipMessageParser
{
    /// <summary>Parses the next message at the start of a stream buffer.</summary>
    public static SipParseResult TryParseStream(ReadOnlySpan<byte> buffer, SipParserOptions options, out SipMessage? message) =>
        Guarded(buffer, stream: true, options, out message);

    /// <summary>Parses the next message of a stream held in a (possibly multi-segment) pipe buffer.</summary>
    public static SipParseResult TryParseStream(in ReadOnlySequence<byte> buffer, SipParserOptions options, out SipMessage? message)
    {
        if (buffer.IsSingleSegment) return Guarded(buffer.FirstSpan, stream: true, options, out message);
        // Only the bytes that can belong to one message are linearised; a partial message is never consumed.
        var limit = (int)Math.Min(buffer.Length, (long)options.MaxHeaderBytes + options.MaxBodyBytes + 4);
        var rented = ArrayPool<byte>.Shared.Rent(limit);
        try
        {
            buffer.Slice(0, limit).CopyTo(rented);
            return Guarded(rented.AsSpan(0, limit), stream: true, options, out message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Parses one datagram (UDP) as one message.</summary>
    public static SipParseResult ParseDatagram(ReadOnlySpan<byte> datagram, SipParserOptions options, out SipMessage? message) =>
        Guarded(datagram, stream: false, options, out message);

    private static SipParseResult Guarded(ReadOnlySpan<byte> s, bool stream, SipParserOptions options, out SipMessage? message)
    {
        SipParseResult result;
        try
        {
            result = Parse(s, stream, options, out message);
        }
        catch (Exception) // the one catch-all of the parse API: a parser bug must not take a transport down
        {
            SipParserCounters.RecordInternalError();
            message = null;
            return SipParseResult.Fail(SipParseError.InternalError, stream ? 0 : s.Length);
        }
        SipParserCounters.Record(result.Status);
        return result;
    }

    private static SipParseResult Parse(ReadOnlySpan<byte> s, bool stream, SipParserOptions options, out SipMessage? message)
    {
        message = null;
        // RFC 5626 §3.5.1 keep-alives on streams; RFC 3261 §7.5 leading CRLFs are ignored.
        if (s.Length >= 2 && s[0] == (byte)'\r' && s[1] == (byte)'\n')
        {
            if (s.Length >= 4 && s[2] == (byte)'\r' && s[3] == (byte)'\n') return new SipParseResult(SipParseStatus.KeepAlivePing, 4, null);
            if (s.Length == 2 || s.Length == 3 && s[2] == (byte)'\r') return stream ? SipParseResult.NeedMore : new SipParseResult(SipParseStatus.KeepAlivePong, s.Length, null);
            return new SipParseResult(SipParseStatus.KeepAlivePong, 2, null);
        }
        if (s.IsEmpty || s.Length == 1 && s[0] == (byte)'\r') return stream ? SipParseResult.NeedMore : SipParseResult.Fail(SipParseError.MalformedStartLine, s.Length);

        var searchLength = Math.Min(s.Length, options.MaxHeaderBytes + 4);
        var headerEnd = s[..searchLength].IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0)
        {
            if (s.Length >= options.MaxHeaderBytes + 4) return SipParseResult.Fail(SipParseError.HeadersTooLarge, stream ? 0 : s.Length);
            return stream ? SipParseResult.NeedMore : SipParseResult.Fail(SipParseError.MissingHeaderTerminator, s.Length);
        }

        var startLineEnd = s.IndexOf("\r\n"u8);
        var fields = ArrayPool<SipHeaderField>.Shared.Rent(32);
        try
        {
            var error = SipFramer.ScanHeaders(s, startLineEnd + 2, headerEnd, options.MaxHeaderCount, ref fields, out var count);
            if (error is not null) return SipParseResult.Fail(error, stream ? 0 : s.Length);

            // Content-Length (RFC 3261 §20.14, §18.3): all values must agree; none on a stream is an error.
            var contentLength = -1;
            for (var i = 0; i < count; i++)
            {
                if (fields[i].Kind != SipHeaderKind.ContentLength) continue;
                if (!SipText.TryParseDecimal(s[fields[i].Value], int.MaxValue, out var v)) return SipParseResult.Fail(SipParseError.MalformedContentLength, stream ? 0 : s.Length);
                if (contentLength >= 0 && contentLength != (int)v) return SipParseResult.Fail(SipParseError.ConflictingContentLength, stream ? 0 : s.Length);
                contentLength = (int)v;
            }
            if (contentLength > options.MaxBodyBytes) return SipParseResult.Fail(SipParseError.BodyTooLarge, stream ? 0 : s.Length);

            var bodyStart = headerEnd + 4;
            int total;
            if (stream)
            {
                if (contentLength < 0) return SipParseResult.Fail(SipParseError.MissingContentLength, stream ? 0 : s.Length);
                total = bodyStart + contentLength;
                if (s.Length < total) return SipParseResult.NeedMore;
            }
            else if (contentLength < 0)
            {
                total = s.Length; // RFC 3261 §18.3: without Content-Length the body ends with the datagram
            }
            else
            {
                if (bodyStart + contentLength > s.Length) return SipParseResult.Fail(SipParseError.ContentLengthExceedsDatagram, stream ? 0 : s.Length);
                total = bodyStart + contentLength; // extra octets in the datagram are discarded
            }

            var copy = s[..total].ToArray();
            message = new SipMessage
            {
                Buffer = copy,
                Length = total,
                FieldCount = count,
                Fields = fields.AsSpan(0, count).ToArray(),
                BodyStart = bodyStart,
                BodyLength = total - bodyStart,
                DeclaredContentLength = contentLength,
            };
            var semantic = SipMessageValidator.Validate(message, startLineEnd);
            if (semantic is not null)
            {
                message = null;
                return SipParseResult.Fail(semantic, stream ? total : s.Length);
            }
            return new SipParseResult(SipParseStatus.Complete, stream ? total : s.Length, null);
        }
        finally
        {
            ArrayPool<SipHeaderField>.Shared.Return(fields);
        }
    }
}
