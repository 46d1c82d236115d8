using System.Net;

namespace Cluster.Edges.Dns.Zone;

/// <summary>
/// Checks the names an operator types into <c>uc.dns.zone</c>. SRV targets and the domain must be fully qualified
/// host names (RFC 1123 §2.1: letters, digits and hyphens, no hyphen at a label's ends; RFC 1035 §2.3.4 lengths), and
/// an SRV target may not be an address (RFC 2782: "the domain name of the target host"), so a typo is caught when
/// the node starts rather than by a phone that cannot register.
/// </summary>
internal static class ZoneHostName
{
    /// <summary>RFC 1035 §2.3.4: 255 octets on the wire are 253 characters in text without the final dot.</summary>
    private const int MaxTextLength = 253;

    private const int MaxLabelLength = 63;

    /// <summary>
    /// The canonical form (lower case, no trailing dot) of <paramref name="text"/>, or null with the reason in
    /// <paramref name="error"/>.
    /// </summary>
    public static string? Normalize(string text, out string? error)
    {
        error = null;
        var name = text.Trim();
        if (name.EndsWith('.'))
            name = name[..^1];
        if (name.Length == 0)
        {
            error = "is empty";
            return null;
        }
        if (IPAddress.TryParse(name.Trim('[', ']'), out _))
        {
            error = $"'{text}' is an IP address, not a host name (SRV targets must be names with A/AAAA records, RFC 2782)";
            return null;
        }
        if (name.Length > MaxTextLength)
        {
            error = $"'{text}' is longer than {MaxTextLength} characters (RFC 1035 §2.3.4)";
            return null;
        }
        var labels = name.Split('.');
        if (labels.Length < 2)
        {
            error = $"'{text}' is not fully qualified: write the whole name, e.g. '{name}.example.com'";
            return null;
        }
        foreach (var label in labels)
        {
            if (LabelProblem(label) is { } problem)
            {
                error = $"'{text}' is not a valid host name: {problem} (RFC 1123 §2.1 allows letters, digits and inner hyphens)";
                return null;
            }
        }
        if (labels[^1].All(char.IsAsciiDigit))
        {
            error = $"'{text}' is not a valid host name: the top-level label is all digits";
            return null;
        }
        return name.ToLowerInvariant();
    }

    private static string? LabelProblem(string label)
    {
        if (label.Length == 0)
            return "it has an empty label ('..')";
        if (label.Length > MaxLabelLength)
            return $"label '{label}' is longer than {MaxLabelLength} characters";
        if (label[0] == '-' || label[^1] == '-')
            return $"label '{label}' starts or ends with a hyphen";
        foreach (var c in label)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                return $"label '{label}' contains '{c}'";
        }
        return null;
    }
}
