using System.Collections.Frozen;
using System.Text;

namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// Canonical header names, compact forms (RFC 3261 §7.3.3 and the extensions' own RFCs) and which headers carry
/// comma-separated lists (RFC 3261 §7.3.1). Lookups from raw bytes do not allocate.
/// </summary>
public static class SipHeaderNames
{
    private static readonly string[] Canonical = new string[Enum.GetValues<SipHeaderKind>().Length];
    private static readonly bool[] ListHeader = new bool[Canonical.Length];
    private static readonly char[] Compact = new char[Canonical.Length];

    // Keyed by (length, first letter | 0x20) -> candidates; compared case-insensitively against the raw bytes.
    private static readonly FrozenDictionary<int, (byte[] Lower, SipHeaderKind Kind)[]> ByShape;
    private static readonly SipHeaderKind[] ByCompact = new SipHeaderKind[128];

    static SipHeaderNames()
    {
        Add(SipHeaderKind.Accept, "Accept", list: true);
        Add(SipHeaderKind.AcceptEncoding, "Accept-Encoding", list: true);
        Add(SipHeaderKind.AcceptLanguage, "Accept-Language", list: true);
        Add(SipHeaderKind.AlertInfo, "Alert-Info", list: true);
        Add(SipHeaderKind.Allow, "Allow", list: true);
        Add(SipHeaderKind.AllowEvents, "Allow-Events", list: true, compact: 'u');
        Add(SipHeaderKind.AuthenticationInfo, "Authentication-Info");
        Add(SipHeaderKind.Authorization, "Authorization");
        Add(SipHeaderKind.CallId, "Call-ID", compact: 'i');
        Add(SipHeaderKind.CallInfo, "Call-Info", list: true);
        Add(SipHeaderKind.Contact, "Contact", list: true, compact: 'm');
        Add(SipHeaderKind.ContentDisposition, "Content-Disposition");
        Add(SipHeaderKind.ContentEncoding, "Content-Encoding", list: true, compact: 'e');
        Add(SipHeaderKind.ContentLanguage, "Content-Language", list: true);
        Add(SipHeaderKind.ContentLength, "Content-Length", compact: 'l');
        Add(SipHeaderKind.ContentType, "Content-Type", compact: 'c');
        Add(SipHeaderKind.CSeq, "CSeq");
        Add(SipHeaderKind.Date, "Date");
        Add(SipHeaderKind.ErrorInfo, "Error-Info", list: true);
        Add(SipHeaderKind.Event, "Event", compact: 'o');
        Add(SipHeaderKind.Expires, "Expires");
        Add(SipHeaderKind.From, "From", compact: 'f');
        Add(SipHeaderKind.Identity, "Identity", compact: 'y');
        Add(SipHeaderKind.InReplyTo, "In-Reply-To", list: true);
        Add(SipHeaderKind.MaxForwards, "Max-Forwards");
        Add(SipHeaderKind.MimeVersion, "MIME-Version");
        Add(SipHeaderKind.MinExpires, "Min-Expires");
        Add(SipHeaderKind.MinSE, "Min-SE");
        Add(SipHeaderKind.Organization, "Organization");
        Add(SipHeaderKind.Path, "Path", list: true);
        Add(SipHeaderKind.Priority, "Priority");
        Add(SipHeaderKind.ProxyAuthenticate, "Proxy-Authenticate");
        Add(SipHeaderKind.ProxyAuthorization, "Proxy-Authorization");
        Add(SipHeaderKind.ProxyRequire, "Proxy-Require", list: true);
        Add(SipHeaderKind.RAck, "RAck");
        Add(SipHeaderKind.Reason, "Reason", list: true);
        Add(SipHeaderKind.RecordRoute, "Record-Route", list: true);
        Add(SipHeaderKind.ReferTo, "Refer-To", compact: 'r');
        Add(SipHeaderKind.ReferredBy, "Referred-By", compact: 'b');
        Add(SipHeaderKind.ReplyTo, "Reply-To");
        Add(SipHeaderKind.Replaces, "Replaces");
        Add(SipHeaderKind.Require, "Require", list: true);
        Add(SipHeaderKind.RetryAfter, "Retry-After");
        Add(SipHeaderKind.Route, "Route", list: true);
        Add(SipHeaderKind.RSeq, "RSeq");
        Add(SipHeaderKind.Server, "Server");
        Add(SipHeaderKind.ServiceRoute, "Service-Route", list: true);
        Add(SipHeaderKind.SessionExpires, "Session-Expires", compact: 'x');
        Add(SipHeaderKind.SipETag, "SIP-ETag");
        Add(SipHeaderKind.SipIfMatch, "SIP-If-Match");
        Add(SipHeaderKind.Subject, "Subject", compact: 's');
        Add(SipHeaderKind.SubscriptionState, "Subscription-State");
        Add(SipHeaderKind.Supported, "Supported", list: true, compact: 'k');
        Add(SipHeaderKind.Timestamp, "Timestamp");
        Add(SipHeaderKind.To, "To", compact: 't');
        Add(SipHeaderKind.Unsupported, "Unsupported", list: true);
        Add(SipHeaderKind.UserAgent, "User-Agent");
        Add(SipHeaderKind.Via, "Via", list: true, compact: 'v');
        Add(SipHeaderKind.Warning, "Warning", list: true);
        Add(SipHeaderKind.WwwAuthenticate, "WWW-Authenticate");
        Add(SipHeaderKind.AcceptContact, "Accept-Contact", list: true, compact: 'a');
        Add(SipHeaderKind.RejectContact, "Reject-Contact", list: true, compact: 'j');
        Add(SipHeaderKind.RequestDisposition, "Request-Disposition", list: true, compact: 'd');
        Add(SipHeaderKind.PAssertedIdentity, "P-Asserted-Identity", list: true);
        Add(SipHeaderKind.PPreferredIdentity, "P-Preferred-Identity", list: true);
        Add(SipHeaderKind.Privacy, "Privacy");
        Add(SipHeaderKind.FlowTimer, "Flow-Timer");

        var shapes = new Dictionary<int, List<(byte[], SipHeaderKind)>>();
        for (var k = 1; k < Canonical.Length; k++)
        {
            var lower = Encoding.ASCII.GetBytes(Canonical[k].ToLowerInvariant());
            var key = Shape(lower.Length, lower[0]);
            if (!shapes.TryGetValue(key, out var list)) shapes[key] = list = [];
            list.Add((lower, (SipHeaderKind)k));
        }
        ByShape = shapes.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray());
    }

    private static void Add(SipHeaderKind kind, string name, bool list = false, char compact = '\0')
    {
        Canonical[(int)kind] = name;
        ListHeader[(int)kind] = list;
        Compact[(int)kind] = compact;
        if (compact != '\0') ByCompact[compact] = kind;
    }

    private static int Shape(int length, byte first) => length << 8 | (first | 0x20);

    /// <summary>Resolves a raw header name (any case, long or compact form) without allocating.</summary>
    public static SipHeaderKind Lookup(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            var c = name[0] | 0x20;
            return c < 128 ? ByCompact[c] : SipHeaderKind.Extension;
        }
        if (name.IsEmpty || !ByShape.TryGetValue(Shape(name.Length, name[0]), out var candidates)) return SipHeaderKind.Extension;
        foreach (var (lower, kind) in candidates)
            if (SipText.EqualsLower(name, lower)) return kind;
        return SipHeaderKind.Extension;
    }

    /// <summary>Resolves a header name given as a string (used by builders and lookups by name).</summary>
    public static SipHeaderKind Lookup(string name)
    {
        Span<byte> buffer = stackalloc byte[64];
        if (name.Length > buffer.Length) return SipHeaderKind.Extension;
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] > 0x7F) return SipHeaderKind.Extension;
            buffer[i] = (byte)name[i];
        }
        return Lookup(buffer[..name.Length]);
    }

    /// <summary>The long form as RFC 3261 spells it (e.g. "Call-ID"); null for <see cref="SipHeaderKind.Extension"/>.</summary>
    public static string? GetName(SipHeaderKind kind) => kind == SipHeaderKind.Extension ? null : Canonical[(int)kind];

    /// <summary>The compact form, or '\0' when the header has none.</summary>
    public static char GetCompactForm(SipHeaderKind kind) => Compact[(int)kind];

    /// <summary>True when a header value may hold a comma-separated list (RFC 3261 §7.3.1).</summary>
    public static bool IsList(SipHeaderKind kind) => ListHeader[(int)kind];
}
