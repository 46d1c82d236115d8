using Cluster.Edges.Dns.Zone;
using Cluster.Runtime.Hocon;

namespace Cluster.Edges.Tests.Dns.Zone;

/// <summary>Deployment text layered over the embedded reference.conf files, as a node loads it.</summary>
internal static class ZoneConfig
{
    public const string File = "zone.conf";

    public static Config Parse(string hocon) =>
        ConfigFactory.ParseString(hocon, File).WithFallback(ConfigFactory.FromEmbeddedReferences(typeof(DnsZoneSettings).Assembly)).Resolve();

    /// <summary>Settings and listener ports read from <paramref name="hocon"/>, built into a zone.</summary>
    public static DnsZone Build(string hocon)
    {
        var config = Parse(hocon);
        return ZoneRecordsBuilder.Build(DnsZoneSettings.FromConfig(config), ZonePorts.FromConfig(config));
    }

    /// <summary>The record lines only (comments and blank lines dropped).</summary>
    public static IReadOnlyList<string> RecordLines(DnsZone zone) =>
        [.. ZoneFileWriter.Write(zone).Where(l => l.Length > 0 && !l.StartsWith(';'))];
}
