using System.Net;

namespace Cluster.Edges.Media.Sdp;

/// <summary>The <c>c=</c> line (RFC 4566 §5.7): where media goes. <see cref="Address"/> may carry a multicast /ttl suffix.</summary>
public sealed record SdpConnection(string NetType, string AddressType, string Address)
{
    public static SdpConnection For(IPAddress address) =>
        new("IN", address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IP6" : "IP4", address.ToString());

    /// <summary>The address as an IP, or null for a host name or multicast form.</summary>
    public IPAddress? IpAddress => IPAddress.TryParse(Address, out var ip) ? ip : null;

    /// <summary>RFC 2543 hold: <c>c=IN IP4 0.0.0.0</c> (RFC 3264 §8.4 still asks answerers to understand it).</summary>
    public bool IsLegacyHold => Address is "0.0.0.0";

    public override string ToString() => $"{NetType} {AddressType} {Address}";
}
