using System.Net;
using System.Net.Sockets;

namespace Cluster.Edges.Turn.Server;

/// <summary>
/// A UDP client reached through the listener's socket. The listener keeps one unpinned instance per receive loop
/// that points at the loop's reusable <see cref="SocketAddress"/>; <see cref="Pin"/> copies the address so an
/// allocation can keep sending to it.
/// </summary>
public sealed class UdpStunClientChannel : StunClientChannel
{
    private readonly Socket socket;
    private readonly SocketAddress remote;

    public UdpStunClientChannel(Socket socket, SocketAddress remote)
    {
        this.socket = socket;
        this.remote = remote;
    }

    public override StunTransport Transport => StunTransport.Udp;

    public override bool IsOpen => true;

    public override bool Send(ReadOnlySpan<byte> data)
    {
        try
        {
            return socket.SendTo(data, SocketFlags.None, remote) == data.Length;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    public override StunClientChannel Pin()
    {
        var copy = new SocketAddress(remote.Family, remote.Size);
        remote.Buffer.Span[..remote.Size].CopyTo(copy.Buffer.Span);
        return new UdpStunClientChannel(socket, copy);
    }
}
