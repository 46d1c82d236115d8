namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// delta-seconds (RFC 3261 §25.1) as used by Expires, Min-Expires, Retry-After and the expires parameter. Values too
/// large for 32 bits are clamped to 2^32-1 rather than rejected, as RFC 4475 §3.1.2.4 allows.
/// </summary>
public static class SipDeltaSeconds
{
    public static bool TryParse(ReadOnlySpan<byte> s, out uint value)
    {
        value = 0;
        s = SipText.TrimLws(s);
        if (s.IsEmpty) return false;
        foreach (var b in s)
            if (!SipChars.IsDigit(b)) return false;
        value = SipText.TryParseDecimal(s, uint.MaxValue, out var v) ? (uint)v : uint.MaxValue;
        return true;
    }

    public static bool TryParse(string? s, out uint value)
    {
        value = 0;
        return s is not null && TryParse(System.Text.Encoding.ASCII.GetBytes(s), out value);
    }
}
