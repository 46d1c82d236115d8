using System.Net;
using System.Net.Sockets;

namespace Cluster.Edges.Turn.Policy;

/// <summary>
/// Keeps a TURN relay from being used as a proxy into the server's own networks (RFC 8656 §21.5 warns about relaying
/// to internal addresses; CVE-2020-26262 in coturn was exactly this). Order of rules:
/// the configured deny-list always wins; then the configured allow-list; then the built-in deny ranges
/// (<see cref="DefaultDeniedRanges"/>); anything else is allowed. IPv4-mapped IPv6 addresses and NAT64
/// (64:ff9b::/96) addresses are judged by the IPv4 address inside them, so an attacker cannot wrap 127.0.0.1.
/// </summary>
public sealed class PeerAddressPolicy
{
    /// <summary>RFC 6052 §2.1 well-known NAT64 prefix.</summary>
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    private readonly IPNetwork[] allow;
    private readonly IPNetwork[] deny;
    private readonly (IPNetwork Range, string Reason)[] defaults;

    public PeerAddressPolicy(IEnumerable<IPNetwork> allow, IEnumerable<IPNetwork> deny, bool denyDefaultRanges = true)
    {
        this.allow = allow.ToArray();
        this.deny = deny.ToArray();
        defaults = denyDefaultRanges ? DefaultDeniedRanges.ToArray() : [];
    }

    /// <summary>The built-in ranges relayed traffic may not reach unless allow-listed, each with its reason.</summary>
    public static IReadOnlyList<(IPNetwork Range, string Reason)> DefaultDeniedRanges { get; } =
    [
        (IPNetwork.Parse("169.254.169.254/32"), "cloud metadata service"),
        (IPNetwork.Parse("255.255.255.255/32"), "broadcast"),
        (IPNetwork.Parse("0.0.0.0/8"), "\"this network\" (RFC 791)"),
        (IPNetwork.Parse("10.0.0.0/8"), "private (RFC 1918)"),
        (IPNetwork.Parse("100.64.0.0/10"), "carrier-grade NAT (RFC 6598)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("172.16.0.0/12"), "private (RFC 1918)"),
        (IPNetwork.Parse("192.168.0.0/16"), "private (RFC 1918)"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved (RFC 1112)"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::/96"), "IPv4-compatible (deprecated)"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fc00::/7"), "unique local (RFC 4193)"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    /// <summary>
    /// Builds a policy from configuration strings ("10.1.0.0/16", "2001:db8::/32", or a single address).
    /// Throws <see cref="FormatException"/> naming the offending entry and its setting.
    /// </summary>
    public static PeerAddressPolicy FromStrings(IEnumerable<string> allow, IEnumerable<string> deny, bool denyDefaultRanges = true) =>
        new(allow.Select(entry => ParseEntry(entry, "uc.turn.peer-policy.allow")).ToArray(),
            deny.Select(entry => ParseEntry(entry, "uc.turn.peer-policy.deny")).ToArray(),
            denyDefaultRanges);

    public PeerAddressDecision Evaluate(IPAddress peer)
    {
        var address = peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer;
        if (Match(deny, address) is { } denied)
        {
            return new(false, $"denied by uc.turn.peer-policy.deny {denied}");
        }

        if (Match(allow, address) is { } allowed)
        {
            return new(true, $"allowed by uc.turn.peer-policy.allow {allowed}");
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && Nat64.Contains(address))
        {
            var embedded = Embedded(address);
            var inner = Evaluate(embedded);
            return inner.Allowed ? new(true, "NAT64 of an allowed IPv4 address") : new(false, $"NAT64 of {embedded}: {inner.Reason}");
        }

        foreach (var (range, reason) in defaults)
        {
            if (range.BaseAddress.AddressFamily == address.AddressFamily && range.Contains(address))
            {
                return new(false, $"{reason} {range}");
            }
        }

        return new(true, "public address");
    }

    private static IPNetwork? Match(IPNetwork[] ranges, IPAddress address)
    {
        foreach (var range in ranges)
        {
            if (range.BaseAddress.AddressFamily == address.AddressFamily && range.Contains(address))
            {
                return range;
            }
        }

        return null;
    }

    private static IPAddress Embedded(IPAddress nat64)
    {
        Span<byte> bytes = stackalloc byte[16];
        nat64.TryWriteBytes(bytes, out _);
        return new IPAddress(bytes[12..]);
    }

    private static IPNetwork ParseEntry(string entry, string setting)
    {
        var text = entry.Trim();
        if (IPNetwork.TryParse(text, out var network))
        {
            // "10.1.0.5/16" is ambiguous (a typo for /32, or meant 10.1.0.0/16?); refuse host bits instead of guessing.
            var slash = text.IndexOf('/');
            if (slash > 0 && IPAddress.TryParse(text.AsSpan(0, slash), out var written) && !written.Equals(network.BaseAddress))
            {
                throw new FormatException($"{setting}: '{entry}' has host bits set; write {network} or a /32 (/128) address.");
            }

            return network;
        }

        if (IPAddress.TryParse(text, out var single))
        {
            return new IPNetwork(single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        }

        throw new FormatException($"{setting}: '{entry}' is not a CIDR range (e.g. 10.1.0.0/16) or an IP address.");
    }
}
