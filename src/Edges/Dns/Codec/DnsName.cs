using System.Text;

namespace Cluster.Edges.Dns.Codec;

/// <summary>
/// Domain name rules shared by the reader, the writer and the client. Names travel through the API in presentation
/// form without the trailing dot; bytes that are not printable ASCII, and "." or "\" inside a label, are written
/// as RFC 1035 §5.1 escapes (\DDD or \X) so that every wire name has exactly one text form.
/// </summary>
public static class DnsName
{
    /// <summary>RFC 1035 §2.3.4: a label is at most 63 octets.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>RFC 1035 §2.3.4: a name is at most 255 octets on the wire, length bytes and root included.</summary>
    public const int MaxWireLength = 255;

    /// <summary>Case-insensitive comparison for ASCII letters (RFC 4343 §3), trailing dots ignored.</summary>
    public static bool Equal(string a, string b) =>
        string.Equals(TrimRoot(a), TrimRoot(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>Lower-cased, trailing-dot-free form used as a cache key.</summary>
    public static string Canonical(string name) => TrimRoot(name).ToLowerInvariant();

    /// <summary>
    /// Checks that <paramref name="name"/> is a valid domain name in presentation form and returns its wire labels.
    /// </summary>
    public static bool TryGetLabels(string name, out List<byte[]> labels, out string? error)
    {
        labels = [];
        error = null;
        var text = TrimRoot(name);
        if (text.Length == 0)
            return true;
        var current = new List<byte>(MaxLabelLength);
        var wireLength = 1; // the root label
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '.')
            {
                if (current.Count == 0)
                {
                    error = $"empty label in '{name}'";
                    return false;
                }
                if (current.Count > MaxLabelLength)
                {
                    error = $"label longer than {MaxLabelLength} octets in '{name}'";
                    return false;
                }
                wireLength += current.Count + 1;
                labels.Add(current.ToArray());
                current.Clear();
                continue;
            }
            var c = text[i];
            if (c == '\\')
            {
                if (i + 1 >= text.Length)
                {
                    error = $"dangling escape in '{name}'";
                    return false;
                }
                if (char.IsAsciiDigit(text[i + 1]))
                {
                    if (i + 3 >= text.Length)
                    {
                        error = $"short \\DDD escape in '{name}'";
                        return false;
                    }
                    if (!char.IsAsciiDigit(text[i + 2]) || !char.IsAsciiDigit(text[i + 3]))
                    {
                        error = $"bad \\DDD escape in '{name}'";
                        return false;
                    }
                    var value = (text[i + 1] - '0') * 100 + (text[i + 2] - '0') * 10 + (text[i + 3] - '0');
                    if (value > 255)
                    {
                        error = $"\\DDD escape above 255 in '{name}'";
                        return false;
                    }
                    current.Add((byte)value);
                    i += 3;
                }
                else
                {
                    current.Add(CheckedAscii(text[i + 1], name, ref error));
                    i += 1;
                }
            }
            else
            {
                current.Add(CheckedAscii(c, name, ref error));
            }
            if (error is not null)
                return false;
        }
        if (wireLength > MaxWireLength)
        {
            error = $"name longer than {MaxWireLength} octets: '{name}'";
            return false;
        }
        return true;
    }

    /// <summary>True when <paramref name="name"/> is usable as a query name.</summary>
    public static bool IsValid(string name, out string? error) => TryGetLabels(name, out _, out error);

    internal static void AppendLabel(StringBuilder builder, ReadOnlySpan<byte> label)
    {
        if (builder.Length > 0)
            builder.Append('.');
        foreach (var b in label)
        {
            if (b is (byte)'.' or (byte)'\\')
                builder.Append('\\').Append((char)b);
            else if (b is > 0x20 and < 0x7F)
                builder.Append((char)b);
            else
                builder.Append('\\').Append((b / 100).ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Append((b / 10 % 10).ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Append((b % 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static byte CheckedAscii(char c, string name, ref string? error)
    {
        if (c is > (char)0x20 and < (char)0x7F)
            return (byte)c;
        error = $"character U+{(int)c:X4} must be written as a \\DDD escape in '{name}'";
        return 0;
    }

    private static string TrimRoot(string name)
    {
        if (name.Length == 0 || name[^1] != '.')
            return name;
        // A final "." is the root unless it is escaped by an odd number of backslashes.
        var backslashes = 0;
        for (var i = name.Length - 2; i >= 0 && name[i] == '\\'; i--)
            backslashes++;
        return backslashes % 2 == 0 ? name[..^1] : name;
    }
}
