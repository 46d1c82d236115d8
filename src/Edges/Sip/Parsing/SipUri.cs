using System.Text;

namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// A parsed URI (SIP/SIPS per RFC 3261 §19.1, TEL per RFC 3966, anything else opaque). Components are decoded
/// (escapes resolved) because that is what comparisons and routing need (RFC 3261 §19.1.4); <see cref="ToString"/>
/// returns the URI exactly as received so proxies forward it untouched.
/// </summary>
public sealed class SipUri
{
    private readonly string raw;

    private SipUri(string raw, SipUriScheme scheme, string schemeName)
    {
        this.raw = raw;
        Scheme = scheme;
        SchemeName = schemeName;
    }

    public SipUriScheme Scheme { get; }

    /// <summary>Scheme in lower case, e.g. "sip", "tel", "http".</summary>
    public string SchemeName { get; }

    /// <summary>Unescaped user part (for TEL the telephone-subscriber number); null when absent.</summary>
    public string? User { get; private init; }

    /// <summary>Unescaped password; null when absent.</summary>
    public string? Password { get; private init; }

    /// <summary>Host as written; IPv6 references keep their brackets (RFC 5118). Null for TEL and opaque URIs.</summary>
    public string? Host { get; private init; }

    /// <summary>Explicit port, or null when the URI names none (the transport default then applies).</summary>
    public int? Port { get; private init; }

    /// <summary>URI parameters with names and values unescaped (e.g. transport, lr, maddr, user, ob).</summary>
    public SipParameterList Parameters { get; private init; } = SipParameterList.Empty;

    /// <summary>URI headers (after '?') with names and values unescaped (RFC 3261 §19.1.1).</summary>
    public SipParameterList Headers { get; private init; } = SipParameterList.Empty;

    public bool IsSip => Scheme is SipUriScheme.Sip or SipUriScheme.Sips;

    /// <summary>True when the host is an IPv6 reference (<c>[...]</c>).</summary>
    public bool IsIpv6Host => Host is { Length: > 0 } h && h[0] == '[';

    /// <summary>The loose-routing flag (RFC 3261 §16.12.1.1).</summary>
    public bool IsLooseRouter => Parameters.Contains("lr");

    public string? Transport => Parameters.GetValue("transport");

    public string? MAddr => Parameters.GetValue("maddr");

    public override string ToString() => raw;

    /// <summary>Parses a URI; false (never an exception) when it is malformed.</summary>
    public static bool TryParse(string text, out SipUri? uri) => TryParse(Encoding.UTF8.GetBytes(text), out uri);

    /// <summary>Parses a URI from raw bytes; false when it is malformed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out SipUri? uri)
    {
        uri = null;
        if (!SipUriParser.TryScan(s, out var layout)) return false;
        uri = Create(s, layout);
        return true;
    }

    /// <summary>Parses a URI or throws <see cref="FormatException"/>; for configuration and tests, not for the wire.</summary>
    public static SipUri Parse(string text) =>
        TryParse(text, out var uri) ? uri! : throw new FormatException($"'{text}' is not a valid SIP, SIPS, TEL or absolute URI");

    internal static SipUri Create(ReadOnlySpan<byte> s, in SipUriLayout l)
    {
        var schemeName = l.Scheme switch
        {
            SipUriScheme.Sip => "sip",
            SipUriScheme.Sips => "sips",
            SipUriScheme.Tel => "tel",
            _ => Encoding.ASCII.GetString(s[..l.SchemeLength]).ToLowerInvariant(),
        };
        return new SipUri(Encoding.UTF8.GetString(s), l.Scheme, schemeName)
        {
            User = l.UserLength < 0 ? null : SipText.Unescape(s.Slice(l.UserStart, l.UserLength)),
            Password = l.PasswordLength < 0 ? null : SipText.Unescape(s.Slice(l.PasswordStart, l.PasswordLength)),
            Host = l.HostLength < 0 ? null : Encoding.ASCII.GetString(s.Slice(l.HostStart, l.HostLength)),
            Port = l.Port < 0 ? null : l.Port,
            Parameters = l.ParamsLength < 0 ? SipParameterList.Empty : SplitEscaped(s.Slice(l.ParamsStart, l.ParamsLength), (byte)';'),
            Headers = l.HeadersLength < 0 ? SipParameterList.Empty : SplitEscaped(s.Slice(l.HeadersStart, l.HeadersLength), (byte)'&'),
        };
    }

    private static SipParameterList SplitEscaped(ReadOnlySpan<byte> s, byte separator)
    {
        var list = new List<SipParameter>(4);
        foreach (var range in s.Split(separator))
        {
            var p = s[range];
            var eq = p.IndexOf((byte)'=');
            list.Add(eq < 0
                ? new SipParameter(SipText.Unescape(p), null)
                : new SipParameter(SipText.Unescape(p[..eq]), SipText.Unescape(p[(eq + 1)..])));
        }
        return new SipParameterList(list.ToArray());
    }
}
