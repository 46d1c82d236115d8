using System.Text;

namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// A From/To/Contact/Route-style value: optional display name, URI and header parameters (RFC 3261 §20.10, §20.20,
/// §20.39). Built on first access from the message bytes, then cached by the message.
/// </summary>
public sealed class SipNameAddress
{
    private SipNameAddress(string raw, string? displayName, SipUri? uri, SipParameterList parameters, bool isWildcard)
    {
        Raw = raw;
        DisplayName = displayName;
        Uri = uri;
        Parameters = parameters;
        IsWildcard = isWildcard;
    }

    /// <summary>The value exactly as received (unfolded), for forwarding.</summary>
    public string Raw { get; }

    /// <summary>Display name with quotes and quoted-pair escapes removed; null when absent.</summary>
    public string? DisplayName { get; }

    /// <summary>The address; null only for the Contact wildcard <c>*</c>.</summary>
    public SipUri? Uri { get; }

    /// <summary>Header parameters (tag, expires, q, +sip.instance, reg-id, ...).</summary>
    public SipParameterList Parameters { get; }

    /// <summary>True for <c>Contact: *</c> (RFC 3261 §10.2.2).</summary>
    public bool IsWildcard { get; }

    public string? Tag => Parameters.GetValue("tag");

    /// <summary>Contact expires parameter in seconds; values beyond 2^32-1 are clamped (RFC 4475 §3.1.2.4).</summary>
    public uint? Expires => SipDeltaSeconds.TryParse(Parameters.GetValue("expires"), out var v) ? v : null;

    /// <summary>Contact q-value (RFC 3261 §20.10) or null when absent or malformed.</summary>
    public double? Q => double.TryParse(Parameters.GetValue("q"), System.Globalization.NumberStyles.AllowDecimalPoint,
        System.Globalization.CultureInfo.InvariantCulture, out var q) && q is >= 0 and <= 1 ? q : null;

    /// <summary>The instance id of RFC 5626 §4.1, without its quotes and angle brackets.</summary>
    public string? SipInstance => Parameters.GetValue("+sip.instance") is { } v ? SipText.Unquote(Encoding.UTF8.GetBytes(v)).Trim('<', '>') : null;

    /// <summary>The reg-id of RFC 5626 §4.2.</summary>
    public int? RegId => int.TryParse(Parameters.GetValue("reg-id"), out var r) ? r : null;

    public override string ToString() => Raw;

    /// <summary>Parses one name-addr/addr-spec (not a list); false when malformed.</summary>
    public static bool TryParse(string text, out SipNameAddress? value) => TryParse(Encoding.UTF8.GetBytes(text), allowWildcard: false, out value);

    internal static bool TryParse(ReadOnlySpan<byte> s, bool allowWildcard, out SipNameAddress? value)
    {
        value = null;
        if (!SipNameAddressParser.TryParse(s, allowWildcard, out var layout)) return false;
        value = Create(s, layout);
        return true;
    }

    internal static SipNameAddress Create(ReadOnlySpan<byte> s, in SipNameAddressLayout l)
    {
        string? display = null;
        if (l.DisplayQuoted) display = SipText.Unquote(s[l.Display]);
        else if (!s[l.Display].IsEmpty) display = SipText.Unfold(s[l.Display]);
        var uri = l.IsWildcard ? null : SipUri.Create(s[l.Uri], l.UriLayout);
        return new SipNameAddress(SipText.Unfold(s), display, uri, SipHeaderParamReader.ReadAll(s, l.ParamsStart), l.IsWildcard);
    }
}
