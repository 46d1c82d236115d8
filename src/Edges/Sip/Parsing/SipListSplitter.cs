namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// Splits a header value at the commas that separate list elements (RFC 3261 §7.3.1), ignoring commas inside
/// quoted-strings and angle brackets, e.g. <c>"Doe, J" &lt;sip:a@b;x=1,2&gt;, &lt;sip:c@d&gt;</c> is two elements.
/// Returns element ranges; a value with an unterminated quote or bracket is reported as malformed.
/// </summary>
internal ref struct SipListSplitter
{
    private readonly ReadOnlySpan<byte> value;
    private int pos;

    public SipListSplitter(ReadOnlySpan<byte> value)
    {
        this.value = value;
        pos = 0;
    }

    /// <summary>True when a structural error (unbalanced quote or bracket) stopped the split.</summary>
    public bool Failed { get; private set; }

    /// <summary>Next element as a range of the value (untrimmed); false at the end or on failure.</summary>
    public bool TryNext(out Range element)
    {
        element = default;
        if (pos > value.Length || Failed) return false;
        var start = pos;
        var i = pos;
        while (i < value.Length)
        {
            var b = value[i];
            if (b == (byte)'"')
            {
                i = SipText.ScanQuoted(value, i);
                if (i < 0) { Failed = true; return false; }
                continue;
            }
            if (b == (byte)'<')
            {
                var close = value[i..].IndexOf((byte)'>');
                if (close < 0) { Failed = true; return false; }
                i += close + 1;
                continue;
            }
            if (b == (byte)',') break;
            i++;
        }
        element = start..i;
        pos = i + 1;
        return true;
    }
}
