using System.Globalization;
using Cluster.Actors.Calls;
using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Sip.Calls;

/// <summary>Reading the call-related headers the call core reasons about, from a parsed request or response.</summary>
internal static class SipCallHeaders
{
    /// <summary>The SDP body, when the message carries one (Content-Type application/sdp, RFC 3264).</summary>
    public static string? Sdp(SipMessage message) =>
        message.Body.Length > 0 && message.ContentType is { } type && type.Trim().StartsWith("application/sdp", StringComparison.OrdinalIgnoreCase)
            ? message.BodyText
            : null;

    /// <summary>Session-Expires (RFC 4028 §4): delta-seconds and an optional refresher; null when absent or malformed.</summary>
    public static SessionExpires? SessionExpires(SipMessage message)
    {
        if (message.GetHeaderValue(SipHeaderKind.SessionExpires) is not { } value)
        {
            return null;
        }

        var parts = value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var delta) || delta <= 0)
        {
            return null;
        }

        var refresher = parts.Skip(1).Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Equals("refresher", StringComparison.OrdinalIgnoreCase))?[1];
        return new SessionExpires(delta, refresher?.ToLowerInvariant());
    }

    /// <summary>Min-SE (RFC 4028 §5).</summary>
    public static int? MinSe(SipMessage message) =>
        message.GetHeaderValue(SipHeaderKind.MinSE) is { } value
        && int.TryParse(value.Split(';')[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var minSe) ? minSe : null;

    /// <summary>True when Supported or Require lists <paramref name="tag"/>.</summary>
    public static bool Lists(SipMessage message, SipHeaderKind kind, string tag) =>
        message.GetListValues(kind).Any(t => t.Trim().Equals(tag, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the Allow header lists UPDATE (RFC 3311 §5.1).</summary>
    public static bool AllowsUpdate(SipMessage message) => Lists(message, SipHeaderKind.Allow, "UPDATE");

    /// <summary>The first Contact URI (the remote target, RFC 3261 §12.1); null when absent or unreadable.</summary>
    public static string? ContactUri(SipMessage message) =>
        message.TryGetContacts(out var contacts, out _) && contacts.Count > 0 && contacts[0].Uri is { } uri ? uri.ToString() : null;

    /// <summary>Record-Route values in the order they appeared (a UAS keeps it, a UAC reverses it: RFC 3261 §12.1.1/§12.1.2).</summary>
    public static IReadOnlyList<string> RecordRoutes(SipMessage message, bool reverse)
    {
        if (!message.TryGetRecordRoutes(out var routes, out _) || routes.Count == 0)
        {
            return [];
        }

        var values = routes.Select(r => r.Raw.Trim()).ToList();
        if (reverse)
        {
            values.Reverse();
        }

        return values;
    }

    /// <summary>The URI inside a name-addr header value (<c>"Bob" &lt;sip:bob@x&gt;;tag=1</c> → <c>sip:bob@x</c>).</summary>
    public static string UriOf(SipNameAddress address) => address.Uri?.ToString() ?? address.Raw;
}
