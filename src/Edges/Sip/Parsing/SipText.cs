using System.Text;

namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// Turns raw header bytes into strings when a caller asks for them: unfolding LWS (RFC 3261 §7.3.1: a fold is
/// equivalent to one SP), unquoting quoted-strings (§25.1 quoted-pair) and decoding URI escapes (RFC 3986 §2.1).
/// Everything here allocates, which is why the parser itself never calls it.
/// </summary>
public static class SipText
{
    /// <summary>Skips LWS (SP, HT, folded CRLF) starting at <paramref name="pos"/>.</summary>
    internal static int SkipLws(ReadOnlySpan<byte> s, int pos)
    {
        while (pos < s.Length && SipChars.IsLws(s[pos])) pos++;
        return pos;
    }

    /// <summary>Trims LWS on both ends.</summary>
    internal static ReadOnlySpan<byte> TrimLws(ReadOnlySpan<byte> s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && SipChars.IsLws(s[start])) start++;
        while (end > start && SipChars.IsLws(s[end - 1])) end--;
        return s[start..end];
    }

    /// <summary>
    /// Decodes a header value to a string (UTF-8, RFC 3261 §7.3.1), collapsing every fold and the whitespace around it
    /// into one SP.
    /// </summary>
    public static string Unfold(ReadOnlySpan<byte> raw)
    {
        raw = TrimLws(raw);
        if (raw.IndexOfAny((byte)'\r', (byte)'\n') < 0) return Encoding.UTF8.GetString(raw);
        var buffer = new byte[raw.Length];
        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == (byte)'\r' || b == (byte)'\n')
            {
                while (n > 0 && SipChars.IsWsp(buffer[n - 1])) n--;
                while (i + 1 < raw.Length && SipChars.IsLws(raw[i + 1])) i++;
                buffer[n++] = (byte)' ';
                continue;
            }
            buffer[n++] = b;
        }
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    /// <summary>
    /// Scans a quoted-string starting at the opening DQUOTE; returns the index just past the closing DQUOTE or -1
    /// when the string is unterminated or contains a bare CR/LF that is not a fold.
    /// </summary>
    internal static int ScanQuoted(ReadOnlySpan<byte> s, int pos)
    {
        pos++;
        while (pos < s.Length)
        {
            var b = s[pos];
            if (b == (byte)'"') return pos + 1;
            if (b == (byte)'\\')
            {
                // RFC 3261 §25.1: quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
                if (pos + 1 >= s.Length) return -1;
                var next = s[pos + 1];
                if (next == (byte)'\r' || next == (byte)'\n' || next > 0x7F) return -1;
                pos += 2;
                continue;
            }
            pos++;
        }
        return -1;
    }

    /// <summary>Removes the quotes and quoted-pair escapes of a quoted-string (with its DQUOTEs).</summary>
    public static string Unquote(ReadOnlySpan<byte> quoted)
    {
        if (quoted.Length >= 2 && quoted[0] == (byte)'"' && quoted[^1] == (byte)'"') quoted = quoted[1..^1];
        if (quoted.IndexOf((byte)'\\') < 0 && quoted.IndexOfAny((byte)'\r', (byte)'\n') < 0) return Encoding.UTF8.GetString(quoted);
        var buffer = new byte[quoted.Length];
        var n = 0;
        for (var i = 0; i < quoted.Length; i++)
        {
            var b = quoted[i];
            if (b == (byte)'\\' && i + 1 < quoted.Length) b = quoted[++i];
            else if (b == (byte)'\r' || b == (byte)'\n') continue;
            buffer[n++] = b;
        }
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    /// <summary>Checks that every '%' is followed by two hex digits (RFC 3261 §25.1 escaped).</summary>
    internal static bool EscapesAreValid(ReadOnlySpan<byte> s)
    {
        var i = s.IndexOf((byte)'%');
        while (i >= 0)
        {
            if (i + 2 >= s.Length || !SipChars.IsHex(s[i + 1]) || !SipChars.IsHex(s[i + 2])) return false;
            var next = s[(i + 3)..].IndexOf((byte)'%');
            i = next < 0 ? -1 : i + 3 + next;
        }
        return true;
    }

    /// <summary>Decodes %HH escapes (RFC 3986 §2.1) and returns the UTF-8 string; invalid UTF-8 becomes U+FFFD.</summary>
    public static string Unescape(ReadOnlySpan<byte> s)
    {
        if (s.IndexOf((byte)'%') < 0) return Encoding.UTF8.GetString(s);
        var buffer = new byte[s.Length];
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var b = s[i];
            if (b == (byte)'%' && i + 2 < s.Length && SipChars.IsHex(s[i + 1]) && SipChars.IsHex(s[i + 2]))
            {
                b = (byte)(SipChars.HexValue(s[i + 1]) * 16 + SipChars.HexValue(s[i + 2]));
                i += 2;
            }
            buffer[n++] = b;
        }
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    /// <summary>Case-insensitive ASCII comparison of raw bytes with a lower-case literal.</summary>
    internal static bool EqualsLower(ReadOnlySpan<byte> s, ReadOnlySpan<byte> lower)
    {
        if (s.Length != lower.Length) return false;
        for (var i = 0; i < s.Length; i++)
        {
            var b = s[i];
            if ((uint)(b - 'A') <= 'Z' - 'A') b |= 0x20;
            if (b != lower[i]) return false;
        }
        return true;
    }

    /// <summary>Parses 1*DIGIT into a value no larger than <paramref name="max"/>; false on overflow or non-digits.</summary>
    internal static bool TryParseDecimal(ReadOnlySpan<byte> s, ulong max, out ulong value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 20) return false;
        foreach (var b in s)
        {
            if (!SipChars.IsDigit(b)) return false;
            var d = (ulong)(b - '0');
            if (value > (max - d) / 10) return false;
            value = value * 10 + d;
        }
        return true;
    }
}
