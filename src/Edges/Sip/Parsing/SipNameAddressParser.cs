namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// Parses <c>( name-addr / addr-spec ) *( SEMI param )</c> as used by From, To, Contact, Route, Record-Route and
/// friends (RFC 3261 §20.10, §25.1). In the addr-spec form the URI ends at the first ';' because a URI containing
/// ';', ',' or '?' must be enclosed in angle brackets (§20).
/// </summary>
internal static class SipNameAddressParser
{
    public static bool TryParse(ReadOnlySpan<byte> s, bool allowWildcard, out SipNameAddressLayout layout)
    {
        layout = default;
        var pos = SipText.SkipLws(s, 0);
        if (pos >= s.Length) return false;

        if (allowWildcard && s[pos] == (byte)'*')
        {
            var after = SipText.SkipLws(s, pos + 1);
            if (after < s.Length && s[after] != (byte)';') return false;
            layout.IsWildcard = true;
            layout.Uri = pos..(pos + 1);
            layout.ParamsStart = after;
            return ScanParams(s, ref layout);
        }

        int uriStart, uriEnd;
        if (s[pos] == (byte)'"')
        {
            var end = SipText.ScanQuoted(s, pos);
            if (end < 0) return false;
            layout.Display = pos..end;
            layout.DisplayQuoted = true;
            pos = SipText.SkipLws(s, end);
            if (pos >= s.Length || s[pos] != (byte)'<') return false;
            if (!ScanAngle(s, ref pos, out uriStart, out uriEnd)) return false;
        }
        else
        {
            // *(token LWS) followed by '<' is a display name; anything else must be an addr-spec.
            var scan = pos;
            var lastTokenEnd = pos;
            while (scan < s.Length && SipChars.IsToken(s[scan]))
            {
                while (scan < s.Length && SipChars.IsToken(s[scan])) scan++;
                lastTokenEnd = scan;
                scan = SipText.SkipLws(s, scan);
            }
            if (scan < s.Length && s[scan] == (byte)'<')
            {
                layout.Display = pos..lastTokenEnd;
                pos = scan;
                if (!ScanAngle(s, ref pos, out uriStart, out uriEnd)) return false;
            }
            else
            {
                uriStart = pos;
                // RFC 3261 §20: a URI with ',', ';' or '?' must be bracketed, so those end an addr-spec.
                while (pos < s.Length && s[pos] is not ((byte)';' or (byte)'?' or (byte)',') && !SipChars.IsLws(s[pos])) pos++;
                uriEnd = pos;
            }
        }

        layout.Uri = uriStart..uriEnd;
        if (!SipUriParser.TryScan(s[uriStart..uriEnd], out layout.UriLayout)) return false;
        layout.ParamsStart = pos;
        return ScanParams(s, ref layout);
    }

    private static bool ScanAngle(ReadOnlySpan<byte> s, ref int pos, out int uriStart, out int uriEnd)
    {
        uriStart = uriEnd = 0;
        var close = s[pos..].IndexOf((byte)'>');
        if (close < 0) return false;
        // RFC 4475 §3.1.2.14 (badaspec): LWS just inside the brackets is tolerated, the URI itself must not contain any.
        uriStart = SipText.SkipLws(s, pos + 1);
        uriEnd = pos + close;
        while (uriEnd > uriStart && SipChars.IsLws(s[uriEnd - 1])) uriEnd--;
        pos += close + 1;
        return uriEnd > uriStart;
    }

    private static bool ScanParams(ReadOnlySpan<byte> s, ref SipNameAddressLayout layout)
    {
        var reader = new SipHeaderParamReader(s, layout.ParamsStart);
        while (reader.TryNext(out var name, out var value, out var hasValue))
        {
            if (!layout.HasTag && SipText.EqualsLower(s[name], "tag"u8))
            {
                if (!hasValue || s[value.Start] == (byte)'"') return false; // tag = token
                layout.Tag = value;
                layout.HasTag = true;
            }
        }
        return !reader.Failed;
    }
}
