using System.Globalization;
using System.Net;

namespace Cluster.Edges.Dns;

/// <summary>
/// Settings of the DNS client and the SIP server locator, mirroring <c>uc.dns.*</c> in this folder's
/// reference.conf (the defaults here and there must agree). With no <see cref="Servers"/> the client reads the
/// host's resolv.conf, so a node works out of the box; operators pin servers when the host resolver is unsuitable.
/// </summary>
public sealed record DnsSettings
{
    /// <summary>Name servers to ask, in order. Empty: use <see cref="ResolvConfPath"/>.</summary>
    public IReadOnlyList<IPEndPoint> Servers { get; init; } = [];

    /// <summary>resolv.conf to read when <see cref="Servers"/> is empty.</summary>
    public string ResolvConfPath { get; init; } = "/etc/resolv.conf";

    /// <summary>How long to wait for one server's answer to one attempt.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Rounds over the whole server list before giving up (resolv.conf "attempts" semantics).</summary>
    public int Attempts { get; init; } = 2;

    /// <summary>Largest UDP answer advertised with EDNS0 (RFC 6891); 0 sends no OPT record (512-byte limit).</summary>
    public int UdpPayloadSize { get; init; } = 1232;

    /// <summary>Maximum number of cached answers (positive and negative); 0 turns the cache off.</summary>
    public int CacheSize { get; init; } = 10_000;

    /// <summary>Upper bound on how long any positive answer is cached, whatever its TTL says.</summary>
    public TimeSpan MaxTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Upper bound for negative answers (NXDOMAIN / no data), RFC 2308 §5; zero: never cache them.</summary>
    public TimeSpan MaxNegativeTtl { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest CNAME chain followed before the answer is treated as a failure.</summary>
    public int MaxCnameChain { get; init; } = 8;

    /// <summary>Ask for A records when locating hosts.</summary>
    public bool UseIpv4 { get; init; } = true;

    /// <summary>Ask for AAAA records when locating hosts.</summary>
    public bool UseIpv6 { get; init; } = true;

    /// <summary>Order IPv6 addresses of a host before its IPv4 addresses.</summary>
    public bool PreferIpv6 { get; init; }

    /// <summary>The built-in defaults, equal to reference.conf.</summary>
    public static DnsSettings Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the HOCON key of the first bad value.</summary>
    public DnsSettings Validate()
    {
        if (Timeout <= TimeSpan.Zero)
            throw new ArgumentException($"uc.dns.timeout must be positive, got {Timeout}");
        if (Attempts is < 1 or > 10)
            throw new ArgumentException($"uc.dns.attempts must be 1..10, got {Attempts}");
        if (UdpPayloadSize != 0 && UdpPayloadSize is < 512 or > 65535)
            throw new ArgumentException($"uc.dns.udp-payload-size must be 0 (off) or 512..65535, got {UdpPayloadSize}");
        if (CacheSize < 0)
            throw new ArgumentException($"uc.dns.cache-size must be 0 (off) or positive, got {CacheSize}");
        if (MaxTtl < TimeSpan.Zero)
            throw new ArgumentException($"uc.dns.max-ttl must not be negative, got {MaxTtl}");
        if (MaxNegativeTtl < TimeSpan.Zero)
            throw new ArgumentException($"uc.dns.max-negative-ttl must not be negative, got {MaxNegativeTtl}");
        if (MaxCnameChain is < 0 or > 32)
            throw new ArgumentException($"uc.dns.max-cname-chain must be 0..32, got {MaxCnameChain}");
        if (!UseIpv4 && !UseIpv6)
            throw new ArgumentException("uc.dns.ipv4 and uc.dns.ipv6 are both off: no address could ever be found");
        foreach (var server in Servers)
            if (server.Port == 0)
                throw new ArgumentException($"uc.dns.servers entry {server} has port 0");
        return this;
    }

    /// <summary>
    /// The settings actually used: with explicit <see cref="Servers"/> these settings unchanged; otherwise the
    /// name servers of <paramref name="resolvConf"/> (127.0.0.1 when it lists none, as glibc does), whose
    /// <c>options timeout:/attempts:</c> then replace <see cref="Timeout"/> and <see cref="Attempts"/>.
    /// </summary>
    public DnsSettings WithResolvConf(ResolvConf resolvConf)
    {
        if (Servers.Count > 0)
            return this;
        return this with
        {
            Servers = resolvConf.Nameservers.Count > 0 ? resolvConf.Nameservers : [new IPEndPoint(IPAddress.Loopback, 53)],
            Timeout = resolvConf.Timeout ?? Timeout,
            Attempts = resolvConf.Attempts ?? Attempts,
        };
    }

    /// <summary>
    /// Parses one <c>uc.dns.servers</c> entry: "192.0.2.1", "192.0.2.1:5353", "2001:db8::1" or "[2001:db8::1]:5353".
    /// </summary>
    public static IPEndPoint ParseServer(string text)
    {
        var value = text.Trim();
        if (IPAddress.TryParse(value, out var bare) && !(value.StartsWith('[')))
            return new IPEndPoint(bare, 53);
        if (IPEndPoint.TryParse(value, out var endPoint) && endPoint.Port != 0)
            return endPoint;
        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"uc.dns.servers entry '{text}' is not an IP address with optional port (\"192.0.2.1:53\", \"[2001:db8::1]:53\")"));
    }
}
