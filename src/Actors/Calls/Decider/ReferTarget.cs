namespace Cluster.Actors.Calls;

/// <summary>
/// A parsed Refer-To (RFC 3515 §2.1): the URI to call and, for an attended transfer, the Replaces header carried in the
/// URI's header part (RFC 3891 §7: <c>sip:bob@host?Replaces=call-id%3Bto-tag%3Dx%3Bfrom-tag%3Dy</c>).
/// </summary>
internal sealed record ReferTarget(string Uri, string? Replaces)
{
    public static ReferTarget? Parse(string? referTo)
    {
        if (string.IsNullOrWhiteSpace(referTo))
        {
            return null;
        }

        var text = referTo.Trim();
        var open = text.IndexOf('<', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = text.IndexOf('>', open + 1);
            if (close < 0)
            {
                return null;
            }

            text = text[(open + 1)..close];
        }

        var query = text.IndexOf('?', StringComparison.Ordinal);
        var uri = query < 0 ? text : text[..query];
        string? replaces = null;
        if (query >= 0)
        {
            foreach (var header in text[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = header.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0 && header[..eq].Equals("Replaces", StringComparison.OrdinalIgnoreCase))
                {
                    replaces = System.Uri.UnescapeDataString(header[(eq + 1)..]);
                }
            }
        }

        var scheme = uri.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("sips:", StringComparison.OrdinalIgnoreCase)
            || uri.StartsWith("tel:", StringComparison.OrdinalIgnoreCase);
        return scheme && uri.Length > 4 && !uri.Any(char.IsWhiteSpace) ? new ReferTarget(uri, string.IsNullOrWhiteSpace(replaces) ? null : replaces) : null;
    }
}
