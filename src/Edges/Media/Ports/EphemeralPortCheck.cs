using System.Globalization;

namespace Cluster.Edges.Media.Ports;

/// <summary>
/// Refuses a media range that shares ports with the kernel's ephemeral range. The kernel hands ephemeral ports to
/// every outgoing connection (database, remoting, DNS); one of them landing in the media range makes a slot
/// unbindable at the worst moment (a call set-up), and an operator cannot tell why. Ports listed in
/// <c>net.ipv4.ip_local_reserved_ports</c> are never handed out, so an overlap that is fully reserved is fine.
/// </summary>
public static class EphemeralPortCheck
{
    public const string EphemeralRangePath = "/proc/sys/net/ipv4/ip_local_port_range";
    public const string ReservedPortsPath = "/proc/sys/net/ipv4/ip_local_reserved_ports";

    /// <summary>
    /// Reads the kernel's ephemeral range; null when the file does not exist (not Linux). A file that exists but does
    /// not parse throws, because silently skipping the check would hide the misconfiguration it exists to catch.
    /// </summary>
    public static MediaPortRange? ReadEphemeralRange(string path = EphemeralRangePath)
    {
        if (!File.Exists(path))
            return null;
        var text = File.ReadAllText(path);
        return MediaPortRange.TryParse(text, out var range, out var error)
            ? range
            : throw new InvalidOperationException($"cannot read the ephemeral port range from {path}: {error}");
    }

    /// <summary>Reads <c>ip_local_reserved_ports</c>; empty when absent.</summary>
    public static IReadOnlyList<MediaPortRange> ReadReservedPorts(string path = ReservedPortsPath) =>
        File.Exists(path) ? ParseReservedPorts(File.ReadAllText(path)) : [];

    /// <summary>Parses the kernel's reserved-port list ("30000-33000,40000"); an empty value is an empty list.</summary>
    public static IReadOnlyList<MediaPortRange> ParseReservedPorts(string text)
    {
        var result = new List<MediaPortRange>();
        foreach (var item in text.Split([',', '\n', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var single))
            {
                result.Add(new MediaPortRange(single, single));
            }
            else if (MediaPortRange.TryParse(item, out var range, out var error))
            {
                result.Add(range);
            }
            else
            {
                throw new FormatException($"bad entry '{item}' in the reserved port list: {error}");
            }
        }
        return result;
    }

    /// <summary>
    /// The ports of <paramref name="media"/> the kernel may hand out as ephemeral ports (overlap minus reserved),
    /// as ranges; empty when the media range is safe.
    /// </summary>
    public static IReadOnlyList<MediaPortRange> FindConflicts(MediaPortRange media, MediaPortRange ephemeral, IReadOnlyList<MediaPortRange> reserved)
    {
        if (!media.Overlaps(ephemeral))
            return [];
        var start = Math.Max(media.Min, ephemeral.Min);
        var end = Math.Min(media.Max, ephemeral.Max);
        var conflicts = new List<MediaPortRange>();
        var runStart = -1;
        for (var port = start; port <= end; port++)
        {
            var free = !reserved.Any(r => r.Contains(port));
            if (free && runStart < 0)
                runStart = port;
            if (!free && runStart >= 0)
            {
                conflicts.Add(new MediaPortRange(runStart, port - 1));
                runStart = -1;
            }
        }
        if (runStart >= 0)
            conflicts.Add(new MediaPortRange(runStart, end));
        return conflicts;
    }

    /// <summary>
    /// Throws <see cref="MediaConfigurationException"/> with the remedy when the ranges conflict. The message names
    /// the HOCON key and both sysctls, because the operator can fix it either way.
    /// </summary>
    public static void EnsureNoOverlap(MediaPortRange media, MediaPortRange ephemeral, IReadOnlyList<MediaPortRange> reserved)
    {
        var conflicts = FindConflicts(media, ephemeral, reserved);
        if (conflicts.Count == 0)
            return;
        var below = ephemeral.Min - 1;
        var hint = below - media.Count + 1 >= 1024
            ? $"move uc.media.port-range below it (e.g. min = {below - media.Count + 1}, max = {below})"
            : "move uc.media.port-range out of it";
        throw new MediaConfigurationException(
            $"uc.media.port-range {media} overlaps the kernel's ephemeral port range {ephemeral} " +
            $"(net.ipv4.ip_local_port_range) at {string.Join(", ", conflicts)}: outgoing connections could take media ports. " +
            $"Fix one of: {hint}; or shrink the ephemeral range, e.g. sysctl -w net.ipv4.ip_local_port_range=\"{media.Max + 1} {Math.Max(media.Max + 1, ephemeral.Max)}\" " +
            $"(persist it in /etc/sysctl.d/); or reserve the media ports with sysctl -w net.ipv4.ip_local_reserved_ports={media}.");
    }

    /// <summary>Runs the check against this machine's /proc values (no-op where /proc does not have them).</summary>
    public static void EnsureNoOverlapWithSystem(MediaPortRange media)
    {
        if (ReadEphemeralRange() is { } ephemeral)
            EnsureNoOverlap(media, ephemeral, ReadReservedPorts());
    }
}
