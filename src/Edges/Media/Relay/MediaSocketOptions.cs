using System.Net.Sockets;

namespace Cluster.Edges.Media.Relay;

/// <summary>
/// DiffServ marking of media sockets. The DSCP sits in the upper six bits of the IPv4 TOS byte / IPv6 traffic class
/// (RFC 2474 §3), so EF (46, RFC 3246) is written as 46 &lt;&lt; 2 = 0xB8.
/// </summary>
public static class MediaSocketOptions
{
    /// <summary>IPV6_TCLASS from Linux &lt;netinet/in.h&gt; (the managed enum has no name for it).</summary>
    private const SocketOptionName Ipv6TrafficClass = (SocketOptionName)67;

    public static void ApplyDscp(Socket socket, int dscp)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (dscp is < 0 or > 63)
            throw new ArgumentOutOfRangeException(nameof(dscp), $"a DSCP is 0..63, got {dscp}");
        var tos = dscp << 2;
        if (socket.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.SetSocketOption(SocketOptionLevel.IPv6, Ipv6TrafficClass, tos);
            if (socket.DualMode)
                socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.TypeOfService, tos);
        }
        else
        {
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.TypeOfService, tos);
        }
    }

    /// <summary>The DSCP currently set on an IPv4 (or dual-mode) socket, read back from IP_TOS.</summary>
    public static int ReadDscp(Socket socket) =>
        (int)socket.GetSocketOption(SocketOptionLevel.IP, SocketOptionName.TypeOfService)! >> 2;
}
