using Cluster.Runtime.Commands;
using Cluster.Runtime.Hocon;

namespace Cluster.Edges.Dns.Zone;

/// <summary>
/// The <c>dns</c> palette of the <c>uc</c> shell with its <c>zone</c> command: prints the records an operator has to
/// publish so that phones, the estos/XPhone apps, federation partners and TURN clients find the cluster. Asking the
/// node (rather than writing the records by hand) keeps the published ports in step with the configured listeners.
/// </summary>
public static class DnsZonePalette
{
    /// <summary>Name of the palette.</summary>
    public const string PaletteName = "dns";

    /// <summary>Message of <c>uc dns zone</c> when no domain is configured.</summary>
    public const string NotConfiguredMessage =
        "no DNS zone is configured: set uc.dns.zone.domain (the users' SIP domain, e.g. example.com) and " +
        "uc.dns.zone.public-names (host names of the nodes or of the load balancer) in the node's configuration";

    /// <summary>
    /// The palette for a node: reads <c>uc.dns.zone</c> and the listener keys now, so configuration errors stop the
    /// node at start-up, and builds the zone once. Without a domain the command explains what to set.
    /// </summary>
    public static CommandPalette Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var settings = DnsZoneSettings.FromConfig(config);
        var ports = ZonePorts.FromConfig(config);
        DnsZone? zone;
        try
        {
            zone = settings.IsConfigured ? ZoneRecordsBuilder.Build(settings, ports) : null;
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(e.Message, e);
        }
        return Create(() => zone ?? throw new CommandFailedException(NotConfiguredMessage));
    }

    /// <summary>The palette over a zone source (called on every <c>uc dns zone</c>).</summary>
    public static CommandPalette Create(Func<DnsZone> zone) =>
        new(PaletteName, "DNS records to publish for this cluster", [ZoneCommand(zone)]);

    /// <summary>The <c>zone</c> command alone, for a host that assembles a larger <c>dns</c> palette.</summary>
    public static CommandDefinition ZoneCommand(Func<DnsZone> zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new CommandDefinition("zone",
            "Records to publish (A/AAAA, NAPTR, SRV for SIP, federation, web, STUN/TURN) as a BIND zone fragment",
            async (_, output, _) =>
            {
                var built = zone();
                if (output.IsJson)
                {
                    await output.WriteJsonAsync(ZoneJsonWriter.ToJson(built));
                    return;
                }
                foreach (var line in ZoneFileWriter.Write(built))
                    await output.WriteLineAsync(line);
            });
    }
}
