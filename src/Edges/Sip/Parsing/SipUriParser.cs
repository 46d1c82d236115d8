using System.Net;

namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// Validating scanner for SIP/SIPS (RFC 3261 §19.1.1, §25.1), TEL (RFC 3966) and other absolute URIs, including
/// IPv6 references (RFC 5118). Works on bytes and records offsets only.
/// </summary>
internal static class SipUriParser
{
    public static bool TryScan(ReadOnlySpan<byte> s, out SipUriLayout layout)
    {
        layout = default;
        layout.UserLength = layout.PasswordLength = layout.HostLength = layout.ParamsLength = layout.HeadersLength = -1;
        layout.Port = -1;
        var colon = s.IndexOf((byte)':');
        if (colon <= 0 || !SipChars.IsAlpha(s[0])) return false;
        for (var i = 1; i < colon; i++)
            if (!SipChars.IsSchemeChar(s[i])) return false;
        layout.SchemeLength = colon;
        var scheme = s[..colon];
        var rest = s[(colon + 1)..];
        if (SipText.EqualsLower(scheme, "sip"u8)) layout.Scheme = SipUriScheme.Sip;
        else if (SipText.EqualsLower(scheme, "sips"u8)) layout.Scheme = SipUriScheme.Sips;
        else if (SipText.EqualsLower(scheme, "tel"u8)) layout.Scheme = SipUriScheme.Tel;
        else layout.Scheme = SipUriScheme.Other;

        return layout.Scheme switch
        {
            SipUriScheme.Sip or SipUriScheme.Sips => ScanSip(rest, colon + 1, ref layout),
            SipUriScheme.Tel => ScanTel(rest, colon + 1, ref layout),
            _ => ScanOpaque(rest),
        };
    }

    private static bool ScanOpaque(ReadOnlySpan<byte> rest)
    {
        // RFC 3261 §25.1 absoluteURI: hier-part / opaque-part; we only require visible characters.
        if (rest.IsEmpty) return false;
        foreach (var b in rest)
            if (b <= 0x20 || b >= 0x7F || b == (byte)'<' || b == (byte)'>' || b == (byte)'"') return false;
        return true;
    }

    private static bool ScanTel(ReadOnlySpan<byte> rest, int offset, ref SipUriLayout layout)
    {
        // RFC 3966 §3: telephone-subscriber = global-number / local-number, then ;par
        var semi = rest.IndexOf((byte)';');
        var number = semi < 0 ? rest : rest[..semi];
        if (number.IsEmpty) return false;
        foreach (var b in number)
            if (!(SipChars.IsHex(b) || b is (byte)'*' or (byte)'#' or (byte)'+' or (byte)'-' or (byte)'.' or (byte)'(' or (byte)')'
                  or (byte)'p' or (byte)'P' or (byte)'w' or (byte)'W')) return false;
        layout.UserStart = offset;
        layout.UserLength = number.Length;
        if (semi >= 0)
        {
            if (!ScanParams(rest[(semi + 1)..])) return false;
            layout.ParamsStart = offset + semi + 1;
            layout.ParamsLength = rest.Length - semi - 1;
        }
        return true;
    }

    private static bool ScanSip(ReadOnlySpan<byte> rest, int offset, ref SipUriLayout layout)
    {
        // userinfo ends at the first '@': '@' is not allowed unescaped in user, password, params or headers.
        var at = rest.IndexOf((byte)'@');
        var pos = 0;
        if (at >= 0)
        {
            var userinfo = rest[..at];
            var pc = userinfo.IndexOf((byte)':');
            var user = pc < 0 ? userinfo : userinfo[..pc];
            if (user.IsEmpty || !SipText.EscapesAreValid(user)) return false;
            foreach (var b in user)
                if (!SipChars.IsUserChar(b) && b != (byte)'%') return false;
            layout.UserStart = offset;
            layout.UserLength = user.Length;
            if (pc >= 0)
            {
                var password = userinfo[(pc + 1)..];
                if (!SipText.EscapesAreValid(password)) return false;
                foreach (var b in password)
                    if (!SipChars.IsPasswordChar(b) && b != (byte)'%') return false;
                layout.PasswordStart = offset + pc + 1;
                layout.PasswordLength = password.Length;
            }
            pos = at + 1;
        }

        // hostport = host [ ":" port ]
        var hostStart = pos;
        if (pos < rest.Length && rest[pos] == (byte)'[')
        {
            var close = rest[pos..].IndexOf((byte)']');
            if (close < 0 || !IsIpv6(rest.Slice(pos + 1, close - 1))) return false;
            pos += close + 1;
        }
        else
        {
            while (pos < rest.Length && SipChars.IsHostChar(rest[pos])) pos++;
            if (!IsHostname(rest[hostStart..pos])) return false;
        }
        layout.HostStart = offset + hostStart;
        layout.HostLength = pos - hostStart;

        if (pos < rest.Length && rest[pos] == (byte)':')
        {
            var portStart = ++pos;
            while (pos < rest.Length && SipChars.IsDigit(rest[pos])) pos++;
            if (!SipText.TryParseDecimal(rest[portStart..pos], 65535, out var port)) return false;
            layout.Port = (int)port;
        }

        var q = rest[pos..].IndexOf((byte)'?');
        var paramEnd = q < 0 ? rest.Length : pos + q;
        if (pos < paramEnd)
        {
            if (rest[pos] != (byte)';' || !ScanParams(rest[(pos + 1)..paramEnd])) return false;
            layout.ParamsStart = offset + pos + 1;
            layout.ParamsLength = paramEnd - pos - 1;
        }
        if (q >= 0)
        {
            var headers = rest[(paramEnd + 1)..];
            if (!ScanHeaders(headers)) return false;
            layout.HeadersStart = offset + paramEnd + 1;
            layout.HeadersLength = headers.Length;
        }
        return true;
    }

    /// <summary>uri-parameters: pname [ "=" pvalue ] separated by ';' (RFC 3261 §25.1).</summary>
    private static bool ScanParams(ReadOnlySpan<byte> s)
    {
        while (true)
        {
            var semi = s.IndexOf((byte)';');
            var p = semi < 0 ? s : s[..semi];
            var eq = p.IndexOf((byte)'=');
            var name = eq < 0 ? p : p[..eq];
            if (!IsParamText(name)) return false;
            if (eq >= 0 && !IsParamText(p[(eq + 1)..])) return false;
            if (semi < 0) return true;
            s = s[(semi + 1)..];
        }
    }

    private static bool IsParamText(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || !SipText.EscapesAreValid(s)) return false;
        foreach (var b in s)
            if (!SipChars.IsParamChar(b) && b != (byte)'%') return false;
        return true;
    }

    /// <summary>headers = hname "=" hvalue *( "&amp;" hname "=" hvalue ) (RFC 3261 §25.1).</summary>
    private static bool ScanHeaders(ReadOnlySpan<byte> s)
    {
        while (true)
        {
            var amp = s.IndexOf((byte)'&');
            var h = amp < 0 ? s : s[..amp];
            var eq = h.IndexOf((byte)'=');
            if (eq <= 0 || !SipText.EscapesAreValid(h)) return false;
            for (var i = 0; i < h.Length; i++)
            {
                if (i == eq) continue;
                var b = h[i];
                if (!SipChars.IsHeaderChar(b) && b != (byte)'%') return false;
            }
            if (amp < 0) return true;
            s = s[(amp + 1)..];
        }
    }

    /// <summary>hostname (RFC 3261 §25.1) or IPv4address.</summary>
    internal static bool IsHostname(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty) return false;
        var allDigitsOrDots = true;
        foreach (var b in s)
            if (!SipChars.IsDigit(b) && b != (byte)'.') { allDigitsOrDots = false; break; }
        if (allDigitsOrDots) return IsIpv4(s);
        if (s[^1] == (byte)'.') s = s[..^1];
        var lastLabelStart = 0;
        var labelStart = 0;
        for (var i = 0; i <= s.Length; i++)
        {
            if (i < s.Length && s[i] != (byte)'.') continue;
            var label = s[labelStart..i];
            if (label.IsEmpty || label[0] == (byte)'-' || label[^1] == (byte)'-') return false;
            lastLabelStart = labelStart;
            labelStart = i + 1;
        }
        return SipChars.IsAlpha(s[lastLabelStart]); // toplabel starts with ALPHA
    }

    internal static bool IsIpv4(ReadOnlySpan<byte> s)
    {
        var parts = 0;
        while (true)
        {
            var dot = s.IndexOf((byte)'.');
            var part = dot < 0 ? s : s[..dot];
            if (part.Length is 0 or > 3 || !SipText.TryParseDecimal(part, 255, out _)) return false;
            parts++;
            if (dot < 0) return parts == 4;
            s = s[(dot + 1)..];
        }
    }

    /// <summary>IPv6address without brackets (RFC 5118 §4.10 uses the corrected ABNF of RFC 3986).</summary>
    internal static bool IsIpv6(ReadOnlySpan<byte> s)
    {
        if (s.Length is < 2 or > 45 || s.IndexOf((byte)':') < 0) return false;
        Span<char> chars = stackalloc char[s.Length];
        for (var i = 0; i < s.Length; i++)
        {
            var b = s[i];
            if (!SipChars.IsHex(b) && b != (byte)':' && b != (byte)'.') return false; // no zone ids, no prefixes
            chars[i] = (char)b;
        }
        return IPAddress.TryParse(chars, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
    }
}
