using System.Buffers;
using System.Text;

namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// Builds an outgoing message and serializes it into an <see cref="IBufferWriter{T}"/> in one pass (the size is
/// computed first, then one span is filled). Header values copied from a received message stay raw bytes, so a
/// response echoes Via/From/To/Call-ID/CSeq exactly as the request carried them (RFC 3261 §8.2.6.2).
/// Content-Length is always written from the body, never taken from added headers.
/// </summary>
public sealed class SipMessageBuilder
{
    private readonly string startLine;
    private readonly List<(string Name, ReadOnlyMemory<byte> Value)> headers = new(12);
    private ReadOnlyMemory<byte> body;

    private SipMessageBuilder(string startLine) => this.startLine = startLine;

    /// <summary>A request line; the URI must already be valid (the transaction layer builds it from parsed URIs).</summary>
    public static SipMessageBuilder Request(string method, string requestUri)
    {
        foreach (var c in method)
            if (c > 0x7F || !SipChars.IsToken((byte)c)) throw new ArgumentException($"'{method}' is not a method token", nameof(method));
        if (!SipUri.TryParse(requestUri, out _)) throw new ArgumentException($"'{requestUri}' is not a valid Request-URI", nameof(requestUri));
        return new SipMessageBuilder($"{method} {requestUri} SIP/2.0");
    }

    /// <summary>A status line.</summary>
    public static SipMessageBuilder Response(int statusCode, string reasonPhrase)
    {
        if (statusCode is < 100 or > 699) throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "status codes are 100-699 (RFC 3261 §7.2)");
        if (reasonPhrase.AsSpan().IndexOfAny('\r', '\n') >= 0) throw new ArgumentException("a reason phrase cannot contain CR or LF", nameof(reasonPhrase));
        return new SipMessageBuilder($"SIP/2.0 {statusCode} {reasonPhrase}");
    }

    /// <summary>
    /// A response to <paramref name="request"/> per RFC 3261 §8.2.6: Via (all, in order), From, To, Call-ID and CSeq
    /// copied; a To tag added when the request's To has none and the status is above 100 (§8.2.6.2).
    /// </summary>
    public static SipMessageBuilder CreateResponse(SipMessage request, int statusCode, string reasonPhrase, string? toTag = null)
    {
        if (!request.IsRequest) throw new ArgumentException("responses are created from requests", nameof(request));
        var b = Response(statusCode, reasonPhrase);
        for (var i = 0; i < request.FieldCount; i++)
        {
            var f = request.Fields[i];
            var raw = request.Buffer.AsMemory(f.Value);
            switch (f.Kind)
            {
                case SipHeaderKind.Via:
                case SipHeaderKind.From:
                case SipHeaderKind.CallId:
                case SipHeaderKind.CSeq:
                    b.headers.Add((SipHeaderNames.GetName(f.Kind)!, raw));
                    break;
                case SipHeaderKind.To:
                    if (statusCode > 100 && request.ToTag is null)
                        raw = Concat(raw, Encoding.ASCII.GetBytes(";tag=" + (toTag ?? NewTag())));
                    b.headers.Add(("To", raw));
                    break;
            }
        }
        return b;
    }

    /// <summary>A copy of a received message (start line, headers in order, body), e.g. for a proxy to amend.</summary>
    public static SipMessageBuilder CopyOf(SipMessage message)
    {
        var span = message.Buffer.AsSpan(0, message.Length);
        var b = new SipMessageBuilder(Encoding.UTF8.GetString(span[..span.IndexOf("\r\n"u8)]));
        for (var i = 0; i < message.FieldCount; i++)
        {
            var f = message.Fields[i];
            if (f.Kind == SipHeaderKind.ContentLength) continue;
            b.headers.Add((SipHeaderNames.GetName(f.Kind) ?? Encoding.UTF8.GetString(span[f.Name]), message.Buffer.AsMemory(f.Value)));
        }
        b.body = message.Body;
        return b;
    }

    /// <summary>
    /// An independent copy (start line, headers, body) to amend separately, e.g. one request per fail-over target,
    /// each with its own top Via (RFC 3263 §4.3).
    /// </summary>
    public SipMessageBuilder Clone()
    {
        var copy = new SipMessageBuilder(startLine) { body = body };
        copy.headers.AddRange(headers);
        return copy;
    }

    /// <summary>A random tag with 64 bits of entropy (RFC 3261 §19.3 asks for at least 32).</summary>
    public static string NewTag() => Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.NextInt64()));

    public SipMessageBuilder AddHeader(string name, string value)
    {
        if (name.Length == 0 || name.Any(c => c > 0x7F || !SipChars.IsToken((byte)c))) throw new ArgumentException($"'{name}' is not a header name", nameof(name));
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0) throw new ArgumentException("header values are written unfolded, without CR or LF", nameof(value));
        if (SipHeaderNames.Lookup(name) == SipHeaderKind.ContentLength) return this;
        headers.Add((name, Encoding.UTF8.GetBytes(value)));
        return this;
    }

    public SipMessageBuilder AddHeader(SipHeaderKind kind, string value) =>
        AddHeader(SipHeaderNames.GetName(kind) ?? throw new ArgumentException("extension headers are added by name", nameof(kind)), value);

    /// <summary>
    /// Inserts a header before all others, e.g. the new top Via a client transaction puts above the Vias of a
    /// forwarded request (RFC 3261 §16.6 step 8, §18.1.1).
    /// </summary>
    public SipMessageBuilder PrependHeader(string name, string value)
    {
        var before = headers.Count;
        AddHeader(name, value);
        if (headers.Count > before)
        {
            var added = headers[^1];
            headers.RemoveAt(headers.Count - 1);
            headers.Insert(0, added);
        }
        return this;
    }

    /// <summary>Adds a header whose value is already wire-encoded (copied from a received message).</summary>
    internal SipMessageBuilder AddRaw(string name, ReadOnlyMemory<byte> value)
    {
        headers.Add((name, value));
        return this;
    }

    /// <summary>Removes every header of this kind (e.g. to replace Contact).</summary>
    public SipMessageBuilder RemoveHeaders(SipHeaderKind kind)
    {
        headers.RemoveAll(h => SipHeaderNames.Lookup(h.Name) == kind);
        return this;
    }

    /// <summary>Sets the body and its Content-Type (replacing any earlier Content-Type).</summary>
    public SipMessageBuilder SetBody(string contentType, ReadOnlyMemory<byte> content)
    {
        RemoveHeaders(SipHeaderKind.ContentType);
        AddHeader(SipHeaderKind.ContentType, contentType);
        body = content;
        return this;
    }

    /// <summary>Exact number of bytes <see cref="WriteTo"/> produces.</summary>
    public int GetByteCount()
    {
        var n = Encoding.UTF8.GetByteCount(startLine) + 2;
        foreach (var (name, value) in headers) n += name.Length + 2 + value.Length + 2;
        n += "Content-Length: ".Length + Digits(body.Length) + 2 + 2 + body.Length;
        return n;
    }

    /// <summary>Serializes the message; returns the number of bytes written.</summary>
    public int WriteTo(IBufferWriter<byte> writer)
    {
        var size = GetByteCount();
        var span = writer.GetSpan(size);
        var pos = Encoding.UTF8.GetBytes(startLine, span);
        pos += Crlf(span[pos..]);
        foreach (var (name, value) in headers)
        {
            pos += Encoding.ASCII.GetBytes(name, span[pos..]);
            span[pos++] = (byte)':';
            span[pos++] = (byte)' ';
            value.Span.CopyTo(span[pos..]);
            pos += value.Length;
            pos += Crlf(span[pos..]);
        }
        "Content-Length: "u8.CopyTo(span[pos..]);
        pos += 16;
        body.Length.TryFormat(span[pos..], out var written);
        pos += written;
        pos += Crlf(span[pos..]);
        pos += Crlf(span[pos..]);
        body.Span.CopyTo(span[pos..]);
        pos += body.Length;
        writer.Advance(pos);
        return pos;
    }

    public byte[] ToArray()
    {
        var writer = new ArrayBufferWriter<byte>(GetByteCount());
        WriteTo(writer);
        return writer.WrittenSpan.ToArray();
    }

    private static int Crlf(Span<byte> span)
    {
        span[0] = (byte)'\r';
        span[1] = (byte)'\n';
        return 2;
    }

    private static int Digits(int n) => n < 10 ? 1 : (int)Math.Floor(Math.Log10(n)) + 1;

    private static byte[] Concat(ReadOnlyMemory<byte> a, byte[] b)
    {
        var r = new byte[a.Length + b.Length];
        a.Span.CopyTo(r);
        b.CopyTo(r, a.Length);
        return r;
    }
}
