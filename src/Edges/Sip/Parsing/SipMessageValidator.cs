namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// The eager part of parsing: the start line (RFC 3261 §7.1, §7.2) and the headers every layer needs at once (Via,
/// From, To, Call-ID, CSeq). Records their layouts in the message; everything else waits for first access.
/// </summary>
internal static class SipMessageValidator
{
    public static SipParseError? Validate(SipMessage m, int startLineEnd)
    {
        var buffer = m.Buffer.AsSpan();
        var error = ParseStartLine(m, buffer[..startLineEnd]);
        if (error is not null) return error;

        var viaSeen = false;
        var fromSeen = false;
        var toSeen = false;
        var callIdSeen = false;
        var cseqSeen = false;
        for (var i = 0; i < m.FieldCount; i++)
        {
            var f = m.Fields[i];
            var value = buffer[f.Value];
            switch (f.Kind)
            {
                case SipHeaderKind.Via:
                    var splitter = new SipListSplitter(value);
                    while (splitter.TryNext(out var element))
                    {
                        if (!SipViaParser.TryParse(value[element], out var layout)) return SipParseError.MalformedVia;
                        if (!viaSeen)
                        {
                            m.TopViaLayout = layout;
                            m.TopViaOffset = f.ValueStart + element.Start.Value;
                            m.TopViaLength = element.End.Value - element.Start.Value;
                            viaSeen = true;
                        }
                        m.ViaCount++;
                    }
                    if (splitter.Failed) return SipParseError.MalformedVia;
                    break;
                case SipHeaderKind.From:
                    if (fromSeen) return SipParseError.DuplicateFrom;
                    if (!SipNameAddressParser.TryParse(value, allowWildcard: false, out m.FromLayout)) return SipParseError.MalformedFrom;
                    m.FromField = i;
                    fromSeen = true;
                    break;
                case SipHeaderKind.To:
                    if (toSeen) return SipParseError.DuplicateTo;
                    if (!SipNameAddressParser.TryParse(value, allowWildcard: false, out m.ToLayout)) return SipParseError.MalformedTo;
                    m.ToField = i;
                    toSeen = true;
                    break;
                case SipHeaderKind.CallId:
                    if (callIdSeen) return SipParseError.DuplicateCallId;
                    if (!IsCallId(value)) return SipParseError.MalformedCallId;
                    m.CallIdRange = f.Value;
                    callIdSeen = true;
                    break;
                case SipHeaderKind.CSeq:
                    if (cseqSeen) return SipParseError.DuplicateCSeq;
                    error = ParseCSeq(m, value, f.ValueStart);
                    if (error is not null) return error;
                    cseqSeen = true;
                    break;
            }
        }

        // RFC 3261 §8.1.1: the headers every request and response carry.
        if (!viaSeen) return SipParseError.MissingVia;
        if (!callIdSeen) return SipParseError.MissingCallId;
        if (!cseqSeen) return SipParseError.MissingCSeq;
        if (!fromSeen) return SipParseError.MissingFrom;
        if (!toSeen) return SipParseError.MissingTo;

        // RFC 3261 §8.2 / RFC 4475 §3.1.2.17: the CSeq method must match the Request-Line method.
        if (m.IsRequest && !buffer[m.MethodToken].SequenceEqual(buffer[m.CSeqMethodRange])) return SipParseError.CSeqMethodMismatch;
        return null;
    }

    private static SipParseError? ParseStartLine(SipMessage m, ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("SIP/"u8))
        {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase (RFC 3261 §7.2)
            if (line.Length < 12 || line[7] != (byte)' ' || line[11] != (byte)' ') return SipParseError.MalformedStatusLine;
            if (!line[..7].SequenceEqual("SIP/2.0"u8)) return SipParseError.UnsupportedVersion;
            if (!SipText.TryParseDecimal(line[8..11], 699, out var code) || code < 100) return SipParseError.MalformedStatusLine;
            foreach (var b in line[12..])
                if (b < 0x20 && b != (byte)'\t' || b == 0x7F) return SipParseError.MalformedStatusLine;
            m.IsRequest = false;
            m.StatusCode = (int)code;
            m.ReasonRange = 12..line.Length;
            return null;
        }

        // Request-Line = Method SP Request-URI SP SIP-Version (RFC 3261 §7.1), single SPs only (RFC 4475 §3.1.2.9/10).
        var sp1 = line.IndexOf((byte)' ');
        if (sp1 <= 0) return SipParseError.MalformedRequestLine;
        foreach (var b in line[..sp1])
            if (!SipChars.IsToken(b)) return SipParseError.MalformedRequestLine;
        var rest = line[(sp1 + 1)..];
        var sp2 = rest.IndexOf((byte)' ');
        if (sp2 <= 0) return SipParseError.MalformedRequestLine;
        var version = rest[(sp2 + 1)..];
        if (version.IndexOf((byte)' ') >= 0) return SipParseError.MalformedRequestLine;
        if (!version.StartsWith("SIP/"u8)) return SipParseError.MalformedRequestLine;
        if (!version.SequenceEqual("SIP/2.0"u8)) return SipParseError.UnsupportedVersion;

        var uri = rest[..sp2];
        if (!SipUriParser.TryScan(uri, out var layout)) return SipParseError.MalformedRequestUri;
        // RFC 3261 §19.1.1 table: URI headers are not allowed in a Request-URI (RFC 4475 §3.1.2.11).
        if (layout.HeadersLength >= 0) return SipParseError.RequestUriHeadersNotAllowed;

        m.IsRequest = true;
        m.MethodToken = 0..sp1;
        m.Method = SipMethods.Parse(line[..sp1]);
        m.RequestUriRange = (sp1 + 1)..(sp1 + 1 + sp2);
        m.RequestUriLayout = layout;
        return null;
    }

    /// <summary>callid = word [ "@" word ] (RFC 3261 §25.1).</summary>
    internal static bool IsCallId(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty) return false;
        var at = s.IndexOf((byte)'@');
        if (at == 0 || at == s.Length - 1) return false;
        for (var i = 0; i < s.Length; i++)
            if (i != at && !SipChars.IsWord(s[i])) return false;
        return true;
    }

    /// <summary>CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16), number below 2^31 (§8.1.1.5).</summary>
    private static SipParseError? ParseCSeq(SipMessage m, ReadOnlySpan<byte> s, int offset)
    {
        var pos = 0;
        while (pos < s.Length && SipChars.IsDigit(s[pos])) pos++;
        if (pos == 0) return SipParseError.MalformedCSeq;
        var digits = s[..pos];
        var afterDigits = pos;
        pos = SipText.SkipLws(s, pos);
        if (pos == afterDigits) return SipParseError.MalformedCSeq;
        var methodStart = pos;
        while (pos < s.Length && SipChars.IsToken(s[pos])) pos++;
        if (pos == methodStart || pos != s.Length) return SipParseError.MalformedCSeq;
        if (!SipText.TryParseDecimal(digits, int.MaxValue, out var number)) return SipParseError.CSeqOutOfRange;
        m.CSeqNumber = (uint)number;
        m.CSeqMethod = SipMethods.Parse(s[methodStart..pos]);
        m.CSeqMethodRange = (offset + methodStart)..(offset + pos);
        return null;
    }
}
