namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// Reads <c>*( SEMI generic-param )</c> (RFC 3261 §25.1) with LWS allowed around ';' and '=', as the torture tests
/// demand (RFC 4475 §3.1.1.1). Values are a token, a host (including IPv6 with or without brackets, RFC 5118 §4.5) or
/// a quoted-string. Yields ranges; never allocates.
/// </summary>
internal ref struct SipHeaderParamReader
{
    private readonly ReadOnlySpan<byte> s;
    private int pos;

    public SipHeaderParamReader(ReadOnlySpan<byte> s, int pos)
    {
        this.s = s;
        this.pos = pos;
    }

    public bool Failed { get; private set; }

    /// <summary>Reads the next parameter; value length -1 means a flag without '='.</summary>
    public bool TryNext(out Range name, out Range value, out bool hasValue)
    {
        name = value = default;
        hasValue = false;
        pos = SipText.SkipLws(s, pos);
        if (pos >= s.Length || Failed) return false;
        if (s[pos] != (byte)';') return Fail();
        pos = SipText.SkipLws(s, pos + 1);
        var nameStart = pos;
        while (pos < s.Length && SipChars.IsToken(s[pos])) pos++;
        if (pos == nameStart) return Fail();
        name = nameStart..pos;
        var afterName = pos;
        pos = SipText.SkipLws(s, pos);
        if (pos < s.Length && s[pos] == (byte)'=')
        {
            pos = SipText.SkipLws(s, pos + 1);
            var valueStart = pos;
            if (pos < s.Length && s[pos] == (byte)'"')
            {
                pos = SipText.ScanQuoted(s, pos);
                if (pos < 0) { pos = s.Length; return Fail(); }
            }
            else
            {
                while (pos < s.Length && (SipChars.IsToken(s[pos]) || s[pos] is (byte)':' or (byte)'[' or (byte)']')) pos++;
            }
            if (pos == valueStart) return Fail();
            value = valueStart..pos;
            hasValue = true;
        }
        else
        {
            pos = afterName;
        }
        return true;
    }

    private bool Fail()
    {
        Failed = true;
        return false;
    }

    /// <summary>Materializes all parameters of a region (used on first access of a typed header).</summary>
    public static SipParameterList ReadAll(ReadOnlySpan<byte> s, int pos)
    {
        var reader = new SipHeaderParamReader(s, pos);
        List<SipParameter>? list = null;
        while (reader.TryNext(out var n, out var v, out var hasValue))
        {
            list ??= new List<SipParameter>(4);
            list.Add(new SipParameter(System.Text.Encoding.UTF8.GetString(s[n]), hasValue ? SipText.Unfold(s[v]) : null));
        }
        return list is null ? SipParameterList.Empty : new SipParameterList(list.ToArray());
    }
}
