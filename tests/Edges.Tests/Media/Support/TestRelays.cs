using System.Net.Sockets;
using Cluster.Edges.Media;
using Cluster.Edges.Media.Ports;
using Cluster.Edges.Media.Relay;

namespace Cluster.Edges.Tests.Media.Support;

/// <summary>Opens relays on free slots of a test range below the kernel's ephemeral range.</summary>
internal static class TestRelays
{
    /// <summary>A 4-port-aligned base between 20000 and 29996 whose ports are free right now.</summary>
    public static MediaRelay Open(MediaSettings settings, TimeProvider time)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var basePort = 20000 + Random.Shared.Next(0, 2500) * 4;
            try
            {
                return MediaRelay.Open(new MediaSlotPorts(0, basePort), settings, time);
            }
            catch (SocketException)
            {
            }
        }
        throw new InvalidOperationException("no free 4-port block found between 20000 and 29999");
    }

    /// <summary>A small range (for pool/actor tests) whose first ports are random, to avoid other test processes.</summary>
    public static MediaPortRange RandomRange(int slots)
    {
        var min = 20000 + Random.Shared.Next(0, 2000) * 4;
        return new MediaPortRange(min, min + slots * 4 - 1);
    }
}
