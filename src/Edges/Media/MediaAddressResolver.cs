using System.Net;
using System.Net.Sockets;

namespace Cluster.Edges.Media;

/// <summary>
/// Decides the address written into SDP (<c>uc.media.public-address</c>). "auto" takes a concrete bind address,
/// else the local address the kernel would use towards the Internet (found by connecting a UDP socket, which sends
/// nothing), else loopback on a host without a route.
/// </summary>
public static class MediaAddressResolver
{
    public static IPAddress Resolve(MediaSettings settings)
    {
        if (settings.PublicAddress is { } configured)
            return configured;
        var bind = settings.BindAddress;
        if (!bind.Equals(IPAddress.Any) && !bind.Equals(IPAddress.IPv6Any))
            return bind;
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Connect(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 9)); // TEST-NET-1 (RFC 5737): routing lookup only
            return ((IPEndPoint)probe.LocalEndPoint!).Address;
        }
        catch (SocketException)
        {
            return IPAddress.Loopback;
        }
    }
}
