using System.Net;
using System.Net.Sockets;

namespace Cluster.Edges.Web;

/// <summary>
/// The reverse proxies whose X-Forwarded-* headers are believed. A header from anyone else is a client's claim
/// and must not move rate limits, logs or the scheme a token cookie is bound to, so the default list is empty:
/// not even loopback is trusted unless an operator says so.
/// </summary>
public sealed class TrustedProxyList
{
    private readonly IPNetwork[] networks;

    private TrustedProxyList(IPNetwork[] networks) => this.networks = networks;

    /// <summary>A list that trusts nobody.</summary>
    public static TrustedProxyList None { get; } = new([]);

    /// <summary>Number of configured addresses and networks.</summary>
    public int Count => networks.Length;

    /// <summary>
    /// Parses "192.0.2.7", "10.0.0.0/8", "2001:db8::/32"; a bare address is a /32 or /128. Throws
    /// <see cref="ArgumentException"/> naming <c>uc.web.trusted-proxies</c> for anything else.
    /// </summary>
    public static TrustedProxyList Parse(IEnumerable<string> entries)
    {
        var parsed = new List<IPNetwork>();
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            if (IPAddress.TryParse(entry, out var address) && !entry.Contains('/'))
            {
                address = Normalize(address);
                parsed.Add(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            }
            else if (IPNetwork.TryParse(entry, out var network))
                parsed.Add(network);
            else
                throw new ArgumentException($"uc.web.trusted-proxies entry '{raw}' is not an IP address or CIDR network (\"10.0.0.0/8\")");
        }
        return new TrustedProxyList([.. parsed]);
    }

    /// <summary>True when <paramref name="address"/> (IPv4-mapped IPv6 is unwrapped first) is a trusted proxy.</summary>
    public bool Contains(IPAddress? address)
    {
        if (address is null)
            return false;
        address = Normalize(address);
        foreach (var network in networks)
            if (network.Contains(address))
                return true;
        return false;
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
