using System.Net;
using System.Net.Sockets;

namespace Cluster.Edges.Media.Relay;

/// <summary>
/// Helpers on raw <see cref="SocketAddress"/> bytes so the packet path can compare a source with an expected IP
/// without allocating an <see cref="IPEndPoint"/> per datagram. Layout is the platform sockaddr: IPv4 address at
/// bytes 4..7, IPv6 address at bytes 8..23.
/// </summary>
internal static class SourceAddress
{
    public static bool HasIp(SocketAddress source, byte[] expected)
    {
        var raw = source.Buffer.Span;
        if (source.Family == AddressFamily.InterNetwork)
            return expected.Length == 4 && raw.Slice(4, 4).SequenceEqual(expected);
        if (source.Family != AddressFamily.InterNetworkV6 || raw.Length < 24)
            return false;
        var address = raw.Slice(8, 16);
        if (expected.Length == 16)
            return address.SequenceEqual(expected);
        // An IPv4 peer on a dual-mode socket appears as ::ffff:a.b.c.d.
        return address[..10].IndexOfAnyExcept((byte)0) < 0 && address[10] == 0xFF && address[11] == 0xFF && address[12..].SequenceEqual(expected);
    }

    public static SocketAddress Copy(SocketAddress source)
    {
        var copy = new SocketAddress(source.Family, source.Size);
        source.Buffer.Span[..source.Size].CopyTo(copy.Buffer.Span);
        return copy;
    }

    /// <summary>The socket address to send to <paramref name="endPoint"/> from a socket of <paramref name="family"/>.</summary>
    public static SocketAddress For(IPEndPoint endPoint, AddressFamily family) =>
        family == AddressFamily.InterNetworkV6 && endPoint.AddressFamily == AddressFamily.InterNetwork
            ? new IPEndPoint(endPoint.Address.MapToIPv6(), endPoint.Port).Serialize()
            : endPoint.Serialize();

    /// <summary>
    /// Addresses a phone behind NAT typically puts in its SDP: private (RFC 1918, RFC 4193), shared (RFC 6598),
    /// loopback, link-local and unspecified. Latching from any source is allowed for these in any-if-private mode.
    /// </summary>
    public static bool IsPrivateOrUnusable(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        var b = address.GetAddressBytes();
        return b[0] == 10
            || (b[0] == 172 && (b[1] & 0xF0) == 16)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 100 && (b[1] & 0xC0) == 64)
            || (b[0] == 169 && b[1] == 254);
    }
}
