using System.Buffers;
using System.Text;

namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// The edge rule for messages the parser refused: a request (other than ACK, which is never answered, RFC 3261
/// §17.1.1.3) whose Via, CSeq and Call-ID can still be read gets a <c>400 Bad Request (reason)</c> (or 505 for an
/// unsupported version, RFC 3261 §21.5.26); anything else is dropped and counted. A CSeq counts as readable
/// when it has the shape <c>1*DIGIT LWS method</c> even if the number is out of range, so RFC 4475 §3.1.2.4 gets its 400.
/// </summary>
public static class SipErrorResponder
{
    /// <summary>
    /// Writes the error response for <paramref name="raw"/> into <paramref name="output"/> and returns true, or
    /// returns false (and counts a drop) when the message must be dropped silently.
    /// </summary>
    public static bool TryWriteErrorResponse(ReadOnlySpan<byte> raw, SipParseError error, IBufferWriter<byte> output, string? toTag = null)
    {
        try
        {
            if (TryBuild(raw, error, toTag) is { } builder)
            {
                builder.WriteTo(output);
                SipParserCounters.RecordErrorResponse();
                return true;
            }
        }
        catch (Exception) // same policy as the parser: a fault here is counted, never thrown at the transport
        {
            SipParserCounters.RecordInternalError();
        }
        SipParserCounters.RecordDropped();
        return false;
    }

    private static SipMessageBuilder? TryBuild(ReadOnlySpan<byte> raw, SipParseError error, string? toTag)
    {
        var lineEnd = raw.IndexOf("\r\n"u8);
        if (lineEnd <= 0 || raw.StartsWith("SIP/"u8)) return null; // responses are never answered
        var sp = raw[..lineEnd].IndexOf((byte)' ');
        if (sp <= 0 || raw[..sp].SequenceEqual("ACK"u8)) return null;

        var headerEnd = raw.IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0) headerEnd = raw.Length;
        var vias = new List<ReadOnlyMemory<byte>>(2);
        ReadOnlyMemory<byte> from = default, to = default, callId = default, cseq = default;
        var pos = lineEnd + 2;
        while (pos < headerEnd)
        {
            var next = NextLineEnd(raw, pos, headerEnd);
            var line = raw[pos..next];
            pos = next + 2;
            var colon = line.IndexOf((byte)':');
            if (colon <= 0) continue; // unreadable lines are skipped, not fatal here
            var name = SipText.TrimLws(line[..colon]);
            var value = SipText.TrimLws(line[(colon + 1)..]);
            switch (SipHeaderNames.Lookup(name))
            {
                case SipHeaderKind.Via:
                    if (!ViaIsReadable(value)) return null;
                    vias.Add(value.ToArray());
                    break;
                case SipHeaderKind.CallId when callId.IsEmpty:
                    callId = value.ToArray();
                    break;
                case SipHeaderKind.CSeq when cseq.IsEmpty:
                    cseq = value.ToArray();
                    break;
                case SipHeaderKind.From when from.IsEmpty:
                    from = value.ToArray();
                    break;
                case SipHeaderKind.To when to.IsEmpty:
                    to = value.ToArray();
                    break;
            }
        }
        if (vias.Count == 0 || callId.IsEmpty || !CallIdIsReadable(callId.Span) || cseq.IsEmpty || !CSeqIsReadable(cseq.Span)) return null;

        var phrase = error.StatusCode == 505 ? "Version Not Supported" : "Bad Request";
        var b = SipMessageBuilder.Response(error.StatusCode, $"{phrase} ({error.Reason})");
        foreach (var via in vias) b.AddRaw("Via", via);
        if (!from.IsEmpty) b.AddRaw("From", from);
        if (!to.IsEmpty)
        {
            var hasTag = SipNameAddressParser.TryParse(to.Span, allowWildcard: false, out var toLayout) && toLayout.HasTag;
            b.AddRaw("To", hasTag ? to : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(to.Span) + ";tag=" + (toTag ?? SipMessageBuilder.NewTag())));
        }
        b.AddRaw("Call-ID", callId);
        b.AddRaw("CSeq", cseq);
        return b;
    }

    private static int NextLineEnd(ReadOnlySpan<byte> s, int pos, int end)
    {
        while (true)
        {
            var crlf = s[pos..end].IndexOf("\r\n"u8);
            if (crlf < 0) return end;
            pos += crlf;
            if (pos + 2 < end && SipChars.IsWsp(s[pos + 2])) { pos += 2; continue; }
            return pos;
        }
    }

    private static bool ViaIsReadable(ReadOnlySpan<byte> value)
    {
        var splitter = new SipListSplitter(value);
        var any = false;
        while (splitter.TryNext(out var element))
        {
            if (!SipViaParser.TryParse(value[element], out _)) return false;
            any = true;
        }
        return any && !splitter.Failed;
    }

    private static bool CallIdIsReadable(ReadOnlySpan<byte> value) => SipMessageValidator.IsCallId(value);

    private static bool CSeqIsReadable(ReadOnlySpan<byte> s)
    {
        var pos = 0;
        while (pos < s.Length && SipChars.IsDigit(s[pos])) pos++;
        if (pos == 0) return false;
        var afterDigits = pos;
        pos = SipText.SkipLws(s, pos);
        if (pos == afterDigits) return false;
        var methodStart = pos;
        while (pos < s.Length && SipChars.IsToken(s[pos])) pos++;
        return pos > methodStart && pos == s.Length;
    }
}
