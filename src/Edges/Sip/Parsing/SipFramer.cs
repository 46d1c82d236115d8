using System.Buffers;

namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// Splits a header block into header fields (RFC 3261 §7.3): <c>name HCOLON value</c> lines, where a line
/// starting with SP or HT continues the previous one (LWS folding, §7.3.1). Shared by the parser and by the error
/// responder, which must find Via/Call-ID/CSeq in a message the parser refused.
/// </summary>
internal static class SipFramer
{
    /// <summary>
    /// Scans header lines in <paramref name="s"/>[<paramref name="start"/>..<paramref name="end"/>) (end = index of the
    /// CRLF that precedes the empty line). Returns null on success or the error.
    /// </summary>
    public static SipParseError? ScanHeaders(ReadOnlySpan<byte> s, int start, int end, int maxHeaders, ref SipHeaderField[] fields, out int count)
    {
        count = 0;
        var pos = start;
        while (pos < end)
        {
            // Each header line ends at a CRLF not followed by SP/HT.
            var lineEnd = pos;
            while (true)
            {
                var crlf = s[lineEnd..end].IndexOf("\r\n"u8);
                if (crlf < 0) { lineEnd = end; break; }
                lineEnd += crlf;
                if (lineEnd + 2 < end && SipChars.IsWsp(s[lineEnd + 2])) { lineEnd += 2; continue; }
                break;
            }

            var nameStart = pos;
            while (pos < lineEnd && SipChars.IsToken(s[pos])) pos++;
            var nameLength = pos - nameStart;
            while (pos < lineEnd && SipChars.IsWsp(s[pos])) pos++;
            if (nameLength == 0 || pos >= lineEnd || s[pos] != (byte)':') return SipParseError.MalformedHeaderLine;
            pos++;

            var valueStart = pos;
            var valueEnd = lineEnd;
            while (valueStart < valueEnd && SipChars.IsLws(s[valueStart])) valueStart++;
            while (valueEnd > valueStart && SipChars.IsLws(s[valueEnd - 1])) valueEnd--;

            if (count == maxHeaders) return SipParseError.TooManyHeaders;
            if (count == fields.Length) Grow(ref fields);
            fields[count++] = new SipHeaderField(SipHeaderNames.Lookup(s.Slice(nameStart, nameLength)), nameStart, nameLength, valueStart, valueEnd - valueStart);
            pos = lineEnd + 2;
        }
        return null;
    }

    private static void Grow(ref SipHeaderField[] fields)
    {
        var bigger = ArrayPool<SipHeaderField>.Shared.Rent(fields.Length * 2);
        fields.AsSpan().CopyTo(bigger);
        ArrayPool<SipHeaderField>.Shared.Return(fields);
        fields = bigger;
    }
}
