using System.Net.Sockets;

namespace Cluster.Edges.Dns.Zone;

/// <summary>
/// Turns the zone settings and the listener ports into the records to publish. Pure: no I/O, no clock, no lookups,
/// so the output depends only on the configuration and the tests can assert it line by line.
/// </summary>
/// <remarks>
/// Every SRV record lists every public name as a target with the same priority and weight, so clients spread over
/// the nodes (RFC 2782 weighted selection) and fall back to the others when one fails. NAPTR records follow
/// RFC 3263 §4.1 with the order values of its example: TLS first, then TCP, then UDP.
/// </remarks>
public static class ZoneRecordsBuilder
{
    /// <summary>SRV priority of every target (RFC 2782: lower is tried first; all targets are equal here).</summary>
    public const ushort SrvPriority = 10;

    /// <summary>SRV weight of every target (RFC 2782: equal weights share the load equally).</summary>
    public const ushort SrvWeight = 50;

    /// <summary>NAPTR preference of every record; the order field alone ranks the transports.</summary>
    public const ushort NaptrPreference = 50;

    /// <summary>Builds the zone; throws <see cref="ArgumentException"/> when the settings are invalid or have no domain.</summary>
    public static DnsZone Build(DnsZoneSettings settings, ZonePorts ports)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ports);
        settings = settings.Validate();
        if (settings.Domain is not { } domain)
            throw new ArgumentException($"{DnsZoneSettings.ConfigPath}.domain is not set: there is no zone to build");
        var context = new Context(settings, ports, domain);
        return new DnsZone(domain, settings.Ttl,
        [
            Addresses(context),
            Sip(context),
            Federation(context),
            Web(context),
            StunTurn(context),
        ]);
    }

    private static ZoneSection Addresses(Context c)
    {
        var records = new List<ZoneRecord>();
        var placeholders = false;
        foreach (var name in c.Settings.PublicNames)
        {
            if (c.Settings.Addresses.TryGetValue(name, out var addresses))
            {
                // IPv4 first, then IPv6, each in the order configured.
                records.AddRange(addresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork).Select(a => AddressZoneRecord.For(name, c.Ttl, a)));
                records.AddRange(addresses.Where(a => a.AddressFamily == AddressFamily.InterNetworkV6).Select(a => AddressZoneRecord.For(name, c.Ttl, a)));
            }
            else
            {
                placeholders = true;
                records.Add(AddressZoneRecord.Placeholder(name, c.Ttl, AddressFamily.InterNetwork));
                records.Add(AddressZoneRecord.Placeholder(name, c.Ttl, AddressFamily.InterNetworkV6));
            }
        }
        List<string> notes = ["SRV targets need their own A/AAAA records, not CNAMEs (RFC 2782)."];
        if (placeholders)
        {
            notes.Add($"Lines starting with '; ' are placeholders: {DnsZoneSettings.ConfigPath}.addresses has no address for that name.");
            notes.Add("Fill in the public address, remove the '; ', and delete the AAAA line if the host has no IPv6 address.");
        }
        return new ZoneSection("addresses", "Addresses of the public names (A/AAAA)", notes, records, []);
    }

    private static ZoneSection Sip(Context c)
    {
        var records = new List<ZoneRecord>();
        var omitted = new List<ZoneOmission>();
        // RFC 3263 §4.1: one NAPTR per transport offered, pointing at its SRV name; the example's order values.
        (ZoneService Service, ListenerPort Listener, ushort Order, string NaptrService)[] transports =
        [
            (ZoneService.SipsTcp, c.Ports.SipTls, 50, "SIPS+D2T"),
            (ZoneService.SipTcp, c.Ports.SipTcp, 90, "SIP+D2T"),
            (ZoneService.SipUdp, c.Ports.SipUdp, 100, "SIP+D2U"),
        ];
        var published = transports.Select(t => (t.Service, t.Order, t.NaptrService, Port: c.Resolve(t.Service, t.Listener, omitted))).ToArray();
        foreach (var t in published.Where(t => t.Port is not null))
            records.Add(new NaptrZoneRecord(c.Domain, c.Ttl, t.Order, NaptrPreference, "s", t.NaptrService, string.Empty, c.Owner(t.Service)));
        if (records.Count == 0)
            omitted.Insert(0, new ZoneOmission(c.Domain, "NAPTR", "no SIP transport is published"));
        foreach (var t in published.Where(t => t.Port is not null))
            records.AddRange(c.Srv(t.Service, t.Port!.Value));
        return new ZoneSection("sip", "SIP server location (RFC 3263): NAPTR per transport, then SRV per transport",
            ["Clients that find NAPTR records use only the transports listed there (RFC 3263 §4.1)."], records, omitted);
    }

    private static ZoneSection Federation(Context c)
    {
        var omitted = new List<ZoneOmission>();
        var records = c.Resolve(ZoneService.SipFederationTls, c.Ports.SipTls, omitted) is { } port ? c.Srv(ZoneService.SipFederationTls, port) : [];
        return new ZoneSection("federation", "SIP federation over TLS (partner servers look up _sipfederationtls._tcp)",
            ["Partners authenticate with client certificates on the SIP TLS listener."], records, omitted);
    }

    private static ZoneSection Web(Context c)
    {
        // The reference apps prefer HTTPS; only when HTTPS is off do they get pointed at the HTTP port.
        var notes = new List<string> { "estos ProCall / XPhone apps find the client web services through _ctiwebserver._tcp." };
        ListenerPort listener;
        if (c.Ports.WebHttps.IsOn)
        {
            listener = c.Ports.WebHttps;
        }
        else if (c.Ports.WebHttp.IsOn)
        {
            listener = c.Ports.WebHttp;
            if (c.Settings.PortFor(ZoneService.CtiWebServer).IsAuto)
                notes.Add($"HTTPS is not published ({c.Ports.WebHttps.Explanation}): the record points at the plain HTTP port.");
        }
        else
        {
            listener = ListenerPort.Off($"{c.Ports.WebHttps.Explanation} and {c.Ports.WebHttp.Explanation}");
        }
        var omitted = new List<ZoneOmission>();
        var records = c.Resolve(ZoneService.CtiWebServer, listener, omitted) is { } port ? c.Srv(ZoneService.CtiWebServer, port) : [];
        return new ZoneSection("web", "Client web services (_ctiwebserver._tcp)", notes, records, omitted);
    }

    private static ZoneSection StunTurn(Context c)
    {
        var omitted = new List<ZoneOmission>();
        var records = new List<ZoneRecord>();
        var noTls = ListenerPort.Off($"the TURN server has no TLS listener; set {DnsZoneSettings.ConfigPath}.ports.{ZoneService.TurnsTcp.ConfigKey} to the port of a load balancer that terminates TLS for it");
        (ZoneService Service, ListenerPort Listener)[] services =
        [
            (ZoneService.StunUdp, c.Ports.TurnUdp),
            (ZoneService.StunTcp, c.Ports.TurnTcp),
            (ZoneService.TurnUdp, c.Ports.TurnUdp),
            (ZoneService.TurnTcp, c.Ports.TurnTcp),
            (ZoneService.TurnsTcp, noTls),
        ];
        foreach (var (service, listener) in services)
        {
            if (c.Resolve(service, listener, omitted) is { } port)
                records.AddRange(c.Srv(service, port));
        }
        return new ZoneSection("stun-turn", "STUN and TURN (RFC 8489 §8, RFC 5928 §3)",
            ["Media relays for clients behind NAT; STUN and TURN share the port."], records, omitted);
    }

    private sealed class Context(DnsZoneSettings settings, ZonePorts ports, string domain)
    {
        public DnsZoneSettings Settings => settings;

        public ZonePorts Ports => ports;

        public string Domain => domain;

        public uint Ttl => settings.Ttl;

        public string Owner(ZoneService service) => $"{service.Label}.{domain}";

        /// <summary>The port to publish for <paramref name="service"/>, or null after recording why there is none.</summary>
        public int? Resolve(ZoneService service, ListenerPort listener, List<ZoneOmission> omitted)
        {
            var choice = settings.PortFor(service);
            if (choice.Port is { } pinned)
                return pinned;
            var reason = choice.IsAuto ? listener.Port is { } port ? (string?)null : listener.Explanation
                : $"{DnsZoneSettings.ConfigPath}.ports.{service.ConfigKey} is off";
            if (reason is null)
                return listener.Port;
            omitted.Add(new ZoneOmission(Owner(service), "SRV", reason));
            return null;
        }

        public IReadOnlyList<ZoneRecord> Srv(ZoneService service, int port) =>
            [.. settings.PublicNames.Select(target => new SrvZoneRecord(Owner(service), Ttl, SrvPriority, SrvWeight, (ushort)port, target))];
    }
}
