using System.Globalization;
using System.Net;

namespace Cluster.Edges.Dns;

/// <summary>
/// The parts of resolv.conf(5) the client honours: <c>nameserver</c> lines and <c>options timeout:n attempts:n</c>.
/// Follows glibc: at most three name servers (MAXNS), timeout capped at 30 s, attempts at 5; unknown lines and
/// options are ignored, a malformed nameserver line is skipped.
/// </summary>
public sealed record ResolvConf(IReadOnlyList<IPEndPoint> Nameservers, TimeSpan? Timeout, int? Attempts)
{
    /// <summary>glibc MAXNS.</summary>
    public const int MaxNameservers = 3;

    /// <summary>glibc RES_MAXRETRANS (seconds).</summary>
    public const int MaxTimeoutSeconds = 30;

    /// <summary>glibc RES_MAXRETRY.</summary>
    public const int MaxAttempts = 5;

    public static ResolvConf Empty { get; } = new([], null, null);

    /// <summary>Reads <paramref name="path"/>; a missing or unreadable file is the same as an empty one.</summary>
    public static ResolvConf Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Empty;
        }
    }

    public static ResolvConf Parse(string text)
    {
        var servers = new List<IPEndPoint>();
        TimeSpan? timeout = null;
        int? attempts = null;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
                continue;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            switch (fields[0])
            {
                case "nameserver" when fields.Length >= 2 && servers.Count < MaxNameservers:
                    if (TryParseAddress(fields[1], out var address))
                        servers.Add(new IPEndPoint(address, 53));
                    break;
                case "options":
                    foreach (var option in fields.Skip(1))
                    {
                        if (TryOption(option, "timeout:", out var seconds))
                            timeout = TimeSpan.FromSeconds(Math.Clamp(seconds, 1, MaxTimeoutSeconds));
                        else if (TryOption(option, "attempts:", out var count))
                            attempts = Math.Clamp(count, 1, MaxAttempts);
                    }
                    break;
            }
        }
        return new ResolvConf(servers, timeout, attempts);
    }

    private static bool TryParseAddress(string text, out IPAddress address)
    {
        // "fe80::1%eth0" carries a scope id, which IPAddress.TryParse understands.
        return IPAddress.TryParse(text, out address!);
    }

    private static bool TryOption(string option, string prefix, out int value)
    {
        value = 0;
        return option.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(option.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
