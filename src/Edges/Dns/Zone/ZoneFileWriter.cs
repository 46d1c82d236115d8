using System.Globalization;

namespace Cluster.Edges.Dns.Zone;

/// <summary>
/// Renders a <see cref="DnsZone"/> as a BIND zone-file fragment (RFC 1035 §5.1 master-file syntax): one record per
/// line with absolute owner names, explicit TTL and class, groups introduced by <c>;</c> comments and separated by
/// blank lines. Placeholders are commented out so that the fragment loads as printed.
/// </summary>
public static class ZoneFileWriter
{
    /// <summary>The fragment as lines (without line terminators).</summary>
    public static IReadOnlyList<string> Write(DnsZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"; DNS records for {zone.Domain} published by the UC cluster (uc dns zone), TTL {zone.Ttl} s."),
            "; Owner names are absolute (they end with a dot): add each line to the zone that holds the name.",
        };
        foreach (var section in zone.Sections)
        {
            lines.Add(string.Empty);
            lines.Add($"; {section.Title}");
            lines.AddRange(section.Notes.Select(n => $"; {n}"));
            lines.AddRange(section.Records.Select(r => r.ToZoneLine()));
            lines.AddRange(section.Omitted.Select(o => o.ToZoneComment()));
        }
        return lines;
    }

    /// <summary>The fragment as one text with a newline after every line.</summary>
    public static string WriteText(DnsZone zone) => string.Concat(Write(zone).Select(l => l + "\n"));
}
