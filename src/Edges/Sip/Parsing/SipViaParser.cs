namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// Parses one via-parm: <c>sent-protocol LWS sent-by *( SEMI via-params )</c> (RFC 3261 §20.42, §25.1), with LWS
/// around '/' and ':' as RFC 4475 §3.1.1.1 exercises, IPv6 sent-by and received values (RFC 5118 §4.5) and
/// rport as flag or value (RFC 3581 §3).
/// </summary>
internal static class SipViaParser
{
    public static bool TryParse(ReadOnlySpan<byte> s, out SipViaLayout layout)
    {
        layout = default;
        layout.Port = -1;
        layout.RPort = -1;
        var pos = SipText.SkipLws(s, 0);
        if (!Token(s, ref pos, out layout.ProtocolName) || !Slash(s, ref pos)) return false;
        if (!Token(s, ref pos, out layout.ProtocolVersion) || !Slash(s, ref pos)) return false;
        if (!Token(s, ref pos, out layout.Transport)) return false;
        var afterTransport = pos;
        pos = SipText.SkipLws(s, pos);
        if (pos == afterTransport || pos >= s.Length) return false; // LWS before sent-by is mandatory

        var hostStart = pos;
        if (s[pos] == (byte)'[')
        {
            var close = s[pos..].IndexOf((byte)']');
            if (close < 0 || !SipUriParser.IsIpv6(s.Slice(pos + 1, close - 1))) return false;
            pos += close + 1;
        }
        else
        {
            while (pos < s.Length && SipChars.IsHostChar(s[pos])) pos++;
            if (!SipUriParser.IsHostname(s[hostStart..pos])) return false;
        }
        layout.Host = hostStart..pos;

        var afterHost = SipText.SkipLws(s, pos);
        if (afterHost < s.Length && s[afterHost] == (byte)':')
        {
            pos = SipText.SkipLws(s, afterHost + 1);
            var portStart = pos;
            while (pos < s.Length && SipChars.IsDigit(s[pos])) pos++;
            if (!SipText.TryParseDecimal(s[portStart..pos], 65535, out var port)) return false;
            layout.Port = (int)port;
        }
        layout.ParamsStart = pos;

        var reader = new SipHeaderParamReader(s, pos);
        while (reader.TryNext(out var name, out var value, out var hasValue))
        {
            var n = s[name];
            var v = hasValue ? s[value] : default;
            if (SipText.EqualsLower(n, "branch"u8))
            {
                if (!hasValue || v[0] == (byte)'"' || layout.HasBranch) return false;
                layout.Branch = value;
                layout.HasBranch = true;
            }
            else if (SipText.EqualsLower(n, "received"u8))
            {
                if (!hasValue || !IsAddress(v)) return false;
                layout.Received = value;
                layout.HasReceived = true;
            }
            else if (SipText.EqualsLower(n, "rport"u8))
            {
                layout.HasRPort = true;
                if (hasValue)
                {
                    if (!SipText.TryParseDecimal(v, 65535, out var rport)) return false;
                    layout.RPort = (int)rport;
                }
            }
            else if (SipText.EqualsLower(n, "ttl"u8))
            {
                if (!hasValue || !SipText.TryParseDecimal(v, 255, out _)) return false;
            }
            else if (SipText.EqualsLower(n, "maddr"u8))
            {
                if (!hasValue || !IsAddress(v) && !SipUriParser.IsHostname(v)) return false;
            }
        }
        return !reader.Failed;
    }

    /// <summary>IPv4 or IPv6 address; RFC 5118 §4.5 asks parsers to accept IPv6 with or without brackets.</summary>
    private static bool IsAddress(ReadOnlySpan<byte> v)
    {
        if (v.Length > 2 && v[0] == (byte)'[' && v[^1] == (byte)']') return SipUriParser.IsIpv6(v[1..^1]);
        return SipUriParser.IsIpv4(v) || SipUriParser.IsIpv6(v);
    }

    private static bool Token(ReadOnlySpan<byte> s, ref int pos, out Range token)
    {
        var start = pos;
        while (pos < s.Length && SipChars.IsToken(s[pos])) pos++;
        token = start..pos;
        return pos > start;
    }

    private static bool Slash(ReadOnlySpan<byte> s, ref int pos)
    {
        pos = SipText.SkipLws(s, pos);
        if (pos >= s.Length || s[pos] != (byte)'/') return false;
        pos = SipText.SkipLws(s, pos + 1);
        return true;
    }
}
