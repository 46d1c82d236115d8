using System.Net.Sockets;

namespace Cluster.Edges.Turn.Server;

/// <summary>
/// A TCP (or later TLS) connection. Responses from the listener, responses from an allocation's actor and relayed
/// data from the relay loop all write here, so sends are serialised by a lock and each frame goes out whole
/// (RFC 8656 §12.5: STUN and ChannelData frames must not interleave). A send that cannot finish within the send
/// timeout closes the connection instead of stalling the relay.
/// </summary>
public sealed class TcpStunClientChannel : StunClientChannel
{
    private readonly Socket socket;
    private readonly object gate = new();
    private volatile bool closed;

    public TcpStunClientChannel(Socket socket, TimeSpan sendTimeout)
    {
        this.socket = socket;
        socket.SendTimeout = (int)Math.Clamp(sendTimeout.TotalMilliseconds, 1, int.MaxValue);
    }

    public override StunTransport Transport => StunTransport.Tcp;

    public override bool IsOpen => !closed;

    public override bool Send(ReadOnlySpan<byte> data)
    {
        if (closed)
        {
            return false;
        }

        lock (gate)
        {
            try
            {
                while (!data.IsEmpty)
                {
                    var sent = socket.Send(data, SocketFlags.None);
                    data = data[sent..];
                }

                return true;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                Close();
                return false;
            }
        }
    }

    public override StunClientChannel Pin() => this;

    /// <summary>Marks the channel closed and shuts the socket down so the listener's read loop ends too.</summary>
    public void Close()
    {
        if (closed)
        {
            return;
        }

        closed = true;
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }
}
