using System.Net;
using System.Net.Sockets;

namespace Cluster.Edges.Tests.Media.Support;

/// <summary>A fake phone: a loopback UDP socket that sends and waits (with a deadline) for datagrams.</summary>
internal sealed class UdpEndpoint : IDisposable
{
    private readonly Socket socket;

    public UdpEndpoint(string address = "127.0.0.1")
    {
        socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
    }

    public IPEndPoint EndPoint => (IPEndPoint)socket.LocalEndPoint!;

    public int Port => EndPoint.Port;

    public void Send(byte[] packet, IPEndPoint to) => socket.SendTo(packet, to);

    /// <summary>The next datagram and its source; fails the test with <paramref name="what"/> after the deadline.</summary>
    public async Task<(byte[] Data, IPEndPoint From)> ReceiveAsync(string what, TimeSpan? timeout = null)
    {
        var buffer = new byte[2048];
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        try
        {
            var result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cts.Token);
            return (buffer.AsSpan(0, result.ReceivedBytes).ToArray(), (IPEndPoint)result.RemoteEndPoint);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"expected {what} at {EndPoint} within {(timeout ?? TimeSpan.FromSeconds(5)).TotalSeconds} s, got nothing");
        }
    }

    /// <summary>True when no datagram arrives before a marker does; returns the datagrams received before it.</summary>
    public async Task<List<byte[]>> ReceiveUntilAsync(Func<byte[], bool> isMarker, string what)
    {
        var before = new List<byte[]>();
        while (true)
        {
            var (data, _) = await ReceiveAsync(what);
            if (isMarker(data))
                return before;
            before.Add(data);
        }
    }

    public void Dispose() => socket.Dispose();
}
