using System.Net;
using System.Net.Sockets;
using Cluster.Runtime.Hocon;

namespace Cluster.Edges.Dns.Zone;

/// <summary>
/// What the operator tells the node about its public DNS (<c>uc.dns.zone.*</c>): the domain users live in, the names
/// clients reach the nodes (or the load balancer) by, their public addresses when known, and ports that differ from
/// the listeners. The node cannot discover any of this itself (it sits behind NAT or a load balancer), which is why
/// addresses that are not configured are printed as placeholders and never guessed.
/// </summary>
public sealed record DnsZoneSettings
{
    /// <summary>The root of the section.</summary>
    public const string ConfigPath = "uc.dns.zone";

    /// <summary>TTL when none is configured (seconds).</summary>
    public const uint DefaultTtl = 3600;

    /// <summary>RFC 2181 §8: a TTL is an unsigned 31-bit number of seconds.</summary>
    public const uint MaxTtl = int.MaxValue;

    /// <summary>Nothing configured: <c>uc dns zone</c> explains which keys to set.</summary>
    public static DnsZoneSettings Unconfigured { get; } = new();

    /// <summary>SIP/mail domain of the users (<c>alice@example.com</c> -> <c>example.com</c>); null = not configured.</summary>
    public string? Domain { get; init; }

    /// <summary>Host names of the nodes or of the load balancer, in the order SRV records list them.</summary>
    public IReadOnlyList<string> PublicNames { get; init; } = [];

    /// <summary>Public addresses per public name; a name without an entry gets placeholder A/AAAA lines.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> Addresses { get; init; } =
        new Dictionary<string, IReadOnlyList<IPAddress>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>TTL of every record, in seconds.</summary>
    public uint Ttl { get; init; } = DefaultTtl;

    /// <summary>Port overrides per service; a service not listed is <see cref="PortOverride.Auto"/>.</summary>
    public IReadOnlyDictionary<ZoneService, PortOverride> Ports { get; init; } = new Dictionary<ZoneService, PortOverride>();

    /// <summary>True when a domain is set, i.e. there is a zone to print.</summary>
    public bool IsConfigured => Domain is not null;

    /// <summary>The override for <paramref name="service"/> (<see cref="PortOverride.Auto"/> when none is set).</summary>
    public PortOverride PortFor(ZoneService service) => Ports.TryGetValue(service, out var value) ? value : PortOverride.Auto;

    /// <summary>
    /// Checks settings built in code and returns them with names in canonical form (lower case, no trailing dot).
    /// Throws <see cref="ArgumentException"/> naming the key and the problem.
    /// </summary>
    public DnsZoneSettings Validate()
    {
        if (Ttl is 0 or > MaxTtl)
            throw new ArgumentException($"{ConfigPath}.ttl must be between 1 and {MaxTtl} seconds but is {Ttl}");
        if (Domain is null)
        {
            if (PublicNames.Count > 0 || Addresses.Count > 0)
                throw new ArgumentException($"{ConfigPath}.domain is not set, but public-names or addresses are: set the domain too");
            return this;
        }
        var domain = ZoneHostName.Normalize(Domain, out var domainError)
            ?? throw new ArgumentException($"{ConfigPath}.domain: {domainError}");
        if (PublicNames.Count == 0)
            throw new ArgumentException($"{ConfigPath}.public-names must list at least one host name when the domain is set");
        var names = new List<string>();
        foreach (var text in PublicNames)
        {
            var name = ZoneHostName.Normalize(text, out var error) ?? throw new ArgumentException($"{ConfigPath}.public-names: {error}");
            if (names.Contains(name))
                throw new ArgumentException($"{ConfigPath}.public-names lists '{name}' twice");
            names.Add(name);
        }
        var addresses = new Dictionary<string, IReadOnlyList<IPAddress>>(StringComparer.Ordinal);
        foreach (var (key, list) in Addresses)
        {
            var name = ZoneHostName.Normalize(key, out var error) ?? throw new ArgumentException($"{ConfigPath}.addresses: {error}");
            if (!names.Contains(name))
                throw new ArgumentException($"{ConfigPath}.addresses has an entry for '{key}', which is not one of the public-names ({string.Join(", ", names)})");
            if (list.Count == 0)
                throw new ArgumentException($"{ConfigPath}.addresses.\"{key}\" is empty: list at least one address or remove the entry");
            foreach (var address in list)
            {
                if (AddressProblem(address) is { } problem)
                    throw new ArgumentException($"{ConfigPath}.addresses.\"{key}\": {problem}");
            }
            addresses[name] = [.. list.Distinct()];
        }
        return this with { Domain = domain, PublicNames = names, Addresses = addresses };
    }

    /// <summary>
    /// Reads <c>uc.dns.zone</c> from a resolved configuration. Errors are <see cref="ConfigException"/>s naming the
    /// file, line and key.
    /// </summary>
    public static DnsZoneSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        const string p = ConfigPath;
        var ttl = (uint)config.GetIntInRange($"{p}.ttl", 1);

        var ports = new Dictionary<ZoneService, PortOverride>();
        foreach (var service in ZoneService.All)
            ports[service] = ReadPortOverride(config, $"{p}.ports.{service.ConfigKey}");

        var domainText = config.GetStringOrOff($"{p}.domain");
        var namesPath = $"{p}.public-names";
        var addressesPath = $"{p}.addresses";
        var addressKeys = config.HasPath(addressesPath) ? config.GetObjectKeys(addressesPath) : [];
        if (domainText is null)
        {
            if (config.GetStringList(namesPath).Count > 0)
                throw config.Invalid(namesPath, $"is set but {p}.domain is not: set the domain the users live in (e.g. example.com)");
            if (addressKeys.Count > 0)
                throw config.Invalid(addressesPath, $"is set but {p}.domain is not: set the domain the users live in (e.g. example.com)");
            return new DnsZoneSettings { Ttl = ttl, Ports = ports };
        }

        var domain = ZoneHostName.Normalize(domainText, out var domainError) ?? throw config.Invalid($"{p}.domain", domainError!);
        var names = new List<string>();
        foreach (var text in config.GetStringList(namesPath))
        {
            var name = ZoneHostName.Normalize(text, out var error) ?? throw config.Invalid(namesPath, error!);
            if (names.Contains(name))
                throw config.Invalid(namesPath, $"lists '{name}' twice");
            names.Add(name);
        }
        if (names.Count == 0)
            // Reported at the domain: that is the line the operator wrote, the empty list usually comes from reference.conf.
            throw config.Invalid($"{p}.domain", $"is set but {namesPath} is empty: list at least one host name of the nodes or of the load balancer, e.g. [\"uc1.example.com\"]");

        var addresses = new Dictionary<string, IReadOnlyList<IPAddress>>(StringComparer.Ordinal);
        foreach (var key in addressKeys)
        {
            var path = $"{addressesPath}.{Runtime.Hocon.ConfigPath.RenderKey(key)}";
            var name = ZoneHostName.Normalize(key, out var error) ?? throw config.Invalid(path, error!);
            if (!names.Contains(name))
                throw config.Invalid(path, $"'{key}' is not one of {namesPath} ({string.Join(", ", names)})");
            if (addresses.ContainsKey(name))
                throw config.Invalid(path, $"'{name}' has two entries");
            addresses[name] = ReadAddresses(config, path);
        }
        return new DnsZoneSettings { Domain = domain, PublicNames = names, Addresses = addresses, Ttl = ttl, Ports = ports };
    }

    /// <summary>Why <paramref name="address"/> cannot be a public address record, or null when it can.</summary>
    internal static string? AddressProblem(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
            return $"'{address}' has a scope id, which has no meaning in DNS";
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            return $"'{address}' is the unspecified address";
        if (IPAddress.IsLoopback(address))
            return $"'{address}' is a loopback address";
        if (address.IsIPv4MappedToIPv6)
            return $"'{address}' is an IPv4-mapped IPv6 address: list the IPv4 address itself";
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && (address.IsIPv6Multicast || address.IsIPv6LinkLocal))
            return $"'{address}' is a multicast or link-local address";
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            if (b[0] >= 224)
                return $"'{address}' is a multicast, reserved or broadcast address";
            if (b[0] == 169 && b[1] == 254)
                return $"'{address}' is a link-local address";
        }
        return null;
    }

    private static IReadOnlyList<IPAddress> ReadAddresses(Config config, string path)
    {
        // One address as a string, or a list of them.
        IReadOnlyList<string> texts = config.GetValue(path) is ConfigList ? config.GetStringList(path) : [config.GetString(path)];
        if (texts.Count == 0)
            throw config.Invalid(path, "is empty: list at least one public address or remove the entry (placeholders are printed then)");
        var list = new List<IPAddress>();
        foreach (var text in texts)
        {
            if (!IPAddress.TryParse(text, out var address) || text.Contains('/') || !LooksLikeAddress(text))
                throw config.Invalid(path, $"'{text}' is not an IPv4 or IPv6 address");
            if (AddressProblem(address) is { } problem)
                throw config.Invalid(path, problem);
            if (!list.Contains(address))
                list.Add(address);
        }
        return list;
    }

    /// <summary>
    /// <see cref="IPAddress.TryParse(string, out IPAddress)"/> also accepts shorthand such as "10" or "1.2.3" (inet_aton
    /// forms) that nobody means in a zone; only dotted quads and colon-hex forms are accepted.
    /// </summary>
    private static bool LooksLikeAddress(string text) =>
        text.Contains(':') || text.Count(c => c == '.') == 3 && text.All(c => char.IsAsciiDigit(c) || c == '.');

    private static PortOverride ReadPortOverride(Config config, string path)
    {
        if (config.IsOff(path))
            return PortOverride.Off;
        var value = config.GetValue(path);
        if (value is ConfigScalar { ValueType: ConfigValueType.String, Text: "auto" })
            return PortOverride.Auto;
        if (value is ConfigScalar { ValueType: ConfigValueType.Number or ConfigValueType.String } scalar
            && int.TryParse(scalar.Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))
            return PortOverride.Publish(config.GetIntInRange(path, 1, 65535));
        var shown = value is ConfigScalar other ? $"'{other.Text}'" : value?.Describe() ?? "missing";
        throw config.Invalid(path, $"must be auto, off or a port number (1..65535) but is {shown}");
    }
}
