using System.Net;
using System.Net.Sockets;
using Cluster.Edges.Dns.Codec;
using Serilog;

namespace Cluster.Edges.Dns.SipLocation;

/// <summary>
/// Turns a SIP or SIPS URI into an ordered list of (transport, address, port) targets following RFC 3263 §4:
/// numeric host, then explicit port, then the transport parameter, then NAPTR, then SRV, then A/AAAA. The list
/// is the failover order of RFC 3263 §4.3. Lookups go through an <see cref="IDnsResolver"/>, so they are cached and
/// coalesced by the client.
/// </summary>
public sealed class SipServerLocator
{
    /// <summary>RFC 3261 §19.1.2: default port for SIP over UDP and TCP.</summary>
    public const int DefaultPort = 5060;

    /// <summary>RFC 3261 §19.1.2: default port for SIP over TLS.</summary>
    public const int DefaultTlsPort = 5061;

    private readonly IDnsResolver resolver;
    private readonly DnsSettings settings;
    private readonly Random random;
    private readonly Lock randomGate = new();
    private readonly ILogger log;

    /// <param name="resolver">Usually the node's <see cref="DnsClient"/>.</param>
    /// <param name="settings">Address families and preference (<c>uc.dns.ipv4/ipv6/prefer-ipv6</c>).</param>
    /// <param name="random">SRV weighted selection source; tests pass a seeded one. Shared use is locked.</param>
    /// <param name="logger">Serilog logger; the global one when null.</param>
    public SipServerLocator(IDnsResolver resolver, DnsSettings settings, Random? random = null, ILogger? logger = null)
    {
        this.resolver = resolver;
        this.settings = settings.Validate();
        this.random = random ?? new Random();
        log = (logger ?? Log.Logger).ForContext<SipServerLocator>();
    }

    public async Task<SipLocationResult> LocateAsync(SipLocationRequest request, CancellationToken cancellationToken = default)
    {
        var host = request.Host.Trim();
        if (host.Length == 0)
            return SipLocationResult.Fail("URI host is empty");
        if (request.Port is { } badPort && badPort is < 1 or > 65535)
            return SipLocationResult.Fail($"URI port {badPort} is outside 1..65535");
        SipTargetTransport? transport = null;
        if (request.Transport is { } param)
        {
            if (!TryParseTransport(param, request.Secure, out var parsed, out var error))
                return SipLocationResult.Fail(error);
            transport = parsed;
        }
        var bracketed = host.StartsWith('[') && host.EndsWith(']');
        var bare = bracketed ? host[1..^1] : host;
        var fallbackTransport = transport ?? (request.Secure ? SipTargetTransport.Tls : SipTargetTransport.Udp);

        // RFC 3263 §4.1/§4.2: a numeric host is used as is; UDP for sip, TLS for sips unless transport says otherwise.
        if (IPAddress.TryParse(bare, out var numeric))
            return Single(new SipTarget(fallbackTransport, new IPEndPoint(numeric, request.Port ?? PortFor(fallbackTransport)), bare));
        if (bracketed)
            return SipLocationResult.Fail($"'{host}' is bracketed but not an IPv6 address");

        var failures = new List<string>();

        // RFC 3263 §4.2: an explicit port means A/AAAA only, never NAPTR or SRV.
        if (request.Port is { } port)
            return Finish(await AddressTargetsAsync(bare, port, fallbackTransport, failures, cancellationToken).ConfigureAwait(false), bare, failures);

        // RFC 3263 §4.2: a transport parameter but no port means an SRV query for that transport.
        if (transport is { } chosen)
        {
            var (srvTargets, unavailable) = await SrvTargetsAsync(SrvPrefix(chosen) + bare, chosen, failures, cancellationToken).ConfigureAwait(false);
            if (srvTargets.Count > 0 || unavailable)
                return Finish(srvTargets, bare, failures);
            return Finish(await AddressTargetsAsync(bare, PortFor(chosen), chosen, failures, cancellationToken).ConfigureAwait(false), bare, failures);
        }

        // RFC 3263 §4.1: NAPTR first.
        var naptrTargets = await NaptrTargetsAsync(bare, request.Secure, failures, cancellationToken).ConfigureAwait(false);
        if (naptrTargets.Count > 0)
            return Finish(naptrTargets, bare, failures);

        // RFC 3263 §4.1: no usable NAPTR, so SRV for every transport we support. A SIPS URI may only use TLS.
        (string Name, SipTargetTransport Transport)[] services = request.Secure
            ? [("_sips._tcp." + bare, SipTargetTransport.Tls)]
            : [("_sips._tcp." + bare, SipTargetTransport.Tls), ("_sip._tcp." + bare, SipTargetTransport.Tcp), ("_sip._udp." + bare, SipTargetTransport.Udp)];
        var srvResults = await Task.WhenAll(services.Select(s => SrvTargetsAsync(s.Name, s.Transport, failures, cancellationToken))).ConfigureAwait(false);
        var fromSrv = srvResults.SelectMany(r => r.Targets).ToList();
        if (fromSrv.Count > 0 || srvResults.All(r => r.Unavailable))
            return Finish(fromSrv, bare, failures);

        // RFC 3263 §4.2: no SRV records, so the domain's own addresses on the default port.
        return Finish(await AddressTargetsAsync(bare, PortFor(fallbackTransport), fallbackTransport, failures, cancellationToken).ConfigureAwait(false), bare, failures);
    }

    /// <summary>
    /// RFC 3263 §4.1: NAPTR records with flag "S" and a SIP service we support, by order then preference; each
    /// replacement is an SRV name. A SIPS URI may only use "SIPS+D2X" services.
    /// </summary>
    private async Task<List<SipTarget>> NaptrTargetsAsync(string domain, bool secure, List<string> failures, CancellationToken ct)
    {
        var naptr = await resolver.QueryAsync(domain, DnsRecordType.NAPTR, ct).ConfigureAwait(false);
        Note(naptr, failures);
        if (!naptr.IsSuccess)
            return [];
        var usable = naptr.Records.OfType<NaptrRecord>()
            .Where(r => string.Equals(r.Flags, "S", StringComparison.OrdinalIgnoreCase))
            .Select(r => (Record: r, Transport: ServiceTransport(r.Services)))
            .Where(x => x.Transport is not null && (!secure || x.Transport == SipTargetTransport.Tls) && x.Record.Replacement.Length > 0)
            .OrderBy(x => x.Record.Order).ThenBy(x => x.Record.Preference)
            .ToList();
        var targets = new List<SipTarget>();
        // RFC 3263 §4.1: a NAPTR whose SRV lookup yields nothing is skipped and the next one is tried.
        foreach (var (record, transport) in usable)
        {
            var (srvTargets, _) = await SrvTargetsAsync(record.Replacement, transport!.Value, failures, ct).ConfigureAwait(false);
            targets.AddRange(srvTargets);
        }
        return targets;
    }

    /// <summary>SRV lookup plus address lookups of every target, in RFC 2782 order.</summary>
    private async Task<(List<SipTarget> Targets, bool Unavailable)> SrvTargetsAsync(string name, SipTargetTransport transport, List<string> failures, CancellationToken ct)
    {
        var srv = await resolver.QueryAsync(name, DnsRecordType.SRV, ct).ConfigureAwait(false);
        Note(srv, failures);
        if (!srv.IsSuccess)
            return ([], false);
        var records = srv.Records.OfType<SrvRecord>().ToList();
        // RFC 2782: a single record with target "." means the service is decidedly not available.
        if (records.Count == 1 && records[0].IsServiceUnavailable)
        {
            lock (failures)
                failures.Add($"{name}: SRV says the service is not available");
            return ([], true);
        }
        IReadOnlyList<SrvRecord> ordered;
        lock (randomGate)
            ordered = SrvOrdering.Order(records.Where(r => !r.IsServiceUnavailable), random);
        var perTarget = await Task.WhenAll(ordered.Select(r => AddressTargetsAsync(r.Target, r.Port, transport, failures, ct))).ConfigureAwait(false);
        return (perTarget.SelectMany(t => t).ToList(), false);
    }

    /// <summary>A and/or AAAA of <paramref name="host"/>, ordered by the configured family preference.</summary>
    private async Task<List<SipTarget>> AddressTargetsAsync(string host, int port, SipTargetTransport transport, List<string> failures, CancellationToken ct)
    {
        // RFC 2782 forbids an address as SRV target, but accepting one costs nothing and avoids a pointless lookup.
        if (IPAddress.TryParse(host, out var literal))
            return [new SipTarget(transport, new IPEndPoint(literal, port), host)];
        var v4 = settings.UseIpv4 ? resolver.QueryAsync(host, DnsRecordType.A, ct) : Task.FromResult<DnsQueryResult?>(null)!;
        var v6 = settings.UseIpv6 ? resolver.QueryAsync(host, DnsRecordType.AAAA, ct) : Task.FromResult<DnsQueryResult?>(null)!;
        var results = await Task.WhenAll(v4, v6).ConfigureAwait(false);
        var addresses = new List<IPAddress>();
        foreach (var result in results)
        {
            if (result is null)
                continue;
            Note(result, failures);
            foreach (var record in result.Records)
            {
                if (record is ARecord a)
                    addresses.Add(a.Address);
                else if (record is AaaaRecord aaaa)
                    addresses.Add(aaaa.Address);
            }
        }
        var preferred = settings.PreferIpv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        return addresses
            .OrderBy(a => a.AddressFamily == preferred ? 0 : 1)
            .Select(a => new SipTarget(transport, new IPEndPoint(a, port), host))
            .ToList();
    }

    private SipLocationResult Finish(List<SipTarget> targets, string host, List<string> failures)
    {
        // The same transport and endpoint may be reached through several records; try each once.
        var unique = targets.DistinctBy(t => (t.Transport, t.EndPoint)).ToList();
        if (unique.Count > 0)
            return new SipLocationResult(unique, null);
        var reason = failures.Count > 0
            ? $"no SIP targets for '{host}': {string.Join("; ", failures)}"
            : $"no SIP targets for '{host}'";
        log.Information("SIP server location for {Host} found nothing: {Reason}", host, reason);
        return SipLocationResult.Fail(reason);
    }

    private static SipLocationResult Single(SipTarget target) => new([target], null);

    private static void Note(DnsQueryResult result, List<string> failures)
    {
        if (result.IsSuccess)
            return;
        var what = result.Status switch
        {
            DnsQueryStatus.NoData => "no records",
            DnsQueryStatus.NameError => "no such domain",
            _ => $"{result.Status}: {result.Error}",
        };
        lock (failures)
            failures.Add($"{result.Type} {result.Name}: {what}");
    }

    /// <summary>The transport a URI's <c>transport</c> parameter selects (RFC 3261 §19.1.1, RFC 3263 §4.1).</summary>
    internal static bool TryParseTransport(string value, bool secure, out SipTargetTransport transport, out string error)
    {
        error = "";
        transport = SipTargetTransport.Udp;
        switch (value.Trim().ToLowerInvariant())
        {
            case "udp" when secure:
                error = "transport=udp cannot carry a SIPS URI (RFC 3261 §26.2.2 requires TLS)";
                return false;
            case "udp":
                transport = SipTargetTransport.Udp;
                return true;
            case "tcp":
                // RFC 3261 §26.2.2: a SIPS URI with transport=tcp means TLS over TCP.
                transport = secure ? SipTargetTransport.Tls : SipTargetTransport.Tcp;
                return true;
            case "tls":
                // Deprecated by RFC 3261 §26.2.2 but still seen in the wild.
                transport = SipTargetTransport.Tls;
                return true;
            case "ws" or "wss":
                error = $"transport={value} has no DNS procedure (RFC 7118); WebSocket peers are reached by their URL";
                return false;
            default:
                error = $"transport={value} is not supported (only udp, tcp and tls)";
                return false;
        }
    }

    private static SipTargetTransport? ServiceTransport(string service) => service.ToUpperInvariant() switch
    {
        "SIP+D2U" => SipTargetTransport.Udp,
        "SIP+D2T" => SipTargetTransport.Tcp,
        "SIPS+D2T" => SipTargetTransport.Tls,
        _ => null,
    };

    private static string SrvPrefix(SipTargetTransport transport) => transport switch
    {
        SipTargetTransport.Udp => "_sip._udp.",
        SipTargetTransport.Tcp => "_sip._tcp.",
        _ => "_sips._tcp.",
    };

    private static int PortFor(SipTargetTransport transport) => transport == SipTargetTransport.Tls ? DefaultTlsPort : DefaultPort;
}
