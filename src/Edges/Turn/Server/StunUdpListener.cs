using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Cluster.Edges.Turn.Stun;
using Serilog;

namespace Cluster.Edges.Turn.Server;

/// <summary>
/// STUN over UDP on a real socket. Each receive loop rents one receive and one response buffer for its whole life
/// and reuses one <see cref="SocketAddress"/>, so answering a Binding request allocates nothing per datagram.
/// Socket errors caused by a single peer (ICMP port unreachable surfacing as ConnectionReset) are skipped; only
/// disposal ends the loops.
/// </summary>
public sealed class StunUdpListener : IAsyncDisposable
{
    /// <summary>Largest UDP payload; a smaller buffer would let the kernel truncate silently.</summary>
    private const int DatagramBufferSize = 65536;

    /// <summary>Kernel socket buffer asked for (capped by net.core.rmem_max/wmem_max).</summary>
    private const int SocketBufferBytes = 4 * 1024 * 1024;

    private readonly StunSettings settings;
    private readonly StunDispatcher dispatcher;
    private readonly ILogger log;
    private readonly CancellationTokenSource stopping = new();
    private Socket? socket;
    private Task[] loops = [];

    public StunUdpListener(StunSettings settings, StunDispatcher dispatcher, ILogger? log = null)
    {
        settings.Validate();
        this.settings = settings;
        this.dispatcher = dispatcher;
        this.log = log ?? Log.ForContext<StunUdpListener>();
    }

    /// <summary>The bound address (with the actual port when 0 was configured); null before <see cref="Start"/>.</summary>
    public IPEndPoint? LocalEndPoint => socket?.LocalEndPoint as IPEndPoint;

    public StunServerCounters Counters => dispatcher.Counters;

    /// <summary>Binds the socket and starts the receive loops. Throws <see cref="SocketException"/> if the port is taken.</summary>
    public void Start()
    {
        if (socket is not null)
        {
            throw new InvalidOperationException("The STUN UDP listener is already started.");
        }

        var s = new Socket(settings.ListenAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (settings.ListenAddress.AddressFamily == AddressFamily.InterNetworkV6)
            {
                s.DualMode = true;
            }

            s.Bind(new IPEndPoint(settings.ListenAddress, settings.Port));
            // Relayed media arrives in bursts; the kernel default (~200 KiB) drops packets before a loop gets to them.
            s.ReceiveBufferSize = SocketBufferBytes;
            s.SendBufferSize = SocketBufferBytes;
        }
        catch
        {
            s.Dispose();
            throw;
        }

        socket = s;
        loops = Enumerable.Range(0, settings.UdpReceiveLoops).Select(_ => Task.Run(() => ReceiveLoopAsync(s))).ToArray();
        log.Information("STUN listening on udp {EndPoint}", s.LocalEndPoint);
    }

    public async ValueTask DisposeAsync()
    {
        stopping.Cancel();
        socket?.Dispose();
        await Task.WhenAll(loops).ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task ReceiveLoopAsync(Socket s)
    {
        var receive = ArrayPool<byte>.Shared.Rent(DatagramBufferSize);
        var response = ArrayPool<byte>.Shared.Rent(DatagramBufferSize);
        var remote = new SocketAddress(s.AddressFamily);
        var channel = new UdpStunClientChannel(s, remote);
        var token = stopping.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                int received;
                try
                {
                    received = await s.ReceiveFromAsync(receive.AsMemory(), SocketFlags.None, remote, token).ConfigureAwait(false);
                }
                catch (SocketException ex) when (IsPeerError(ex.SocketErrorCode))
                {
                    continue;
                }

                var length = Process(receive.AsSpan(0, received), remote, response, channel);
                if (length == 0)
                {
                    continue;
                }

                try
                {
                    await s.SendToAsync(response.AsMemory(0, length), SocketFlags.None, remote, token).ConfigureAwait(false);
                }
                catch (SocketException ex) when (IsPeerError(ex.SocketErrorCode))
                {
                    log.Debug("STUN udp response not sent: {Error}", ex.SocketErrorCode);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (token.IsCancellationRequested)
        {
        }
        catch (SocketException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            log.Error(ex, "STUN udp receive loop failed");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(receive);
            ArrayPool<byte>.Shared.Return(response);
        }
    }

    private int Process(ReadOnlySpan<byte> datagram, SocketAddress remote, Span<byte> response, UdpStunClientChannel channel)
    {
        Span<byte> address = stackalloc byte[16];
        if (!StunSocketAddress.TryRead(remote, address, out var addressLength, out var port))
        {
            dispatcher.Counters.OnReceived();
            dispatcher.Counters.OnMalformed();
            return 0;
        }

        if (!datagram.IsEmpty && datagram[0] >> 6 == 0b01)
        {
            // RFC 8656 §12.4: first bits 01 mean ChannelData, the TURN data path.
            dispatcher.ProcessChannelData(datagram, address[..addressLength], port, StunTransport.Udp);
            return 0;
        }

        return dispatcher.Process(datagram, address[..addressLength], port, StunTransport.Udp, response, channel);
    }

    private static bool IsPeerError(SocketError error) =>
        error is SocketError.ConnectionReset or SocketError.MessageSize or SocketError.HostUnreachable
            or SocketError.NetworkUnreachable or SocketError.ConnectionRefused;
}
