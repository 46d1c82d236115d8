using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Sip.Transport;

/// <summary>
/// SIP over UDP (RFC 3261 §18.1.1, §18.2.1): one socket, a receive loop that reads into pooled buffers (no array per
/// datagram) and a bounded queue to a parse worker, so a flood is shed at the socket with a counter instead of
/// growing memory. Each datagram is one message (§18.3).
/// </summary>
public sealed class UdpSipChannel : SipChannel
{
    private const int MaxDatagram = 65_535;
    private readonly Socket socket;
    private readonly Channel<Datagram> queue;
    private readonly CancellationTokenSource stop = new();
    private Task receiveLoop = Task.CompletedTask, parseLoop = Task.CompletedTask;

    internal UdpSipChannel(SipTransportLayer host, IPEndPoint listen) : base(host)
    {
        socket = new Socket(listen.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (listen.AddressFamily == AddressFamily.InterNetworkV6) socket.DualMode = listen.Address.Equals(IPAddress.IPv6Any);
        socket.Bind(listen);
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        queue = Channel.CreateBounded<Datagram>(new BoundedChannelOptions(host.Settings.UdpQueueSize)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full: the receive loop drops and counts
        });
    }

    public override SipTransportKind Kind => SipTransportKind.Udp;

    public override IPEndPoint LocalEndPoint { get; }

    internal override void Start()
    {
        receiveLoop = Task.Run(ReceiveLoop);
        parseLoop = Task.Run(ParseLoop);
    }

    internal override bool IsAlive(SipFlow flow) => !stop.IsCancellationRequested && flow.Local.Equals(LocalEndPoint);

    internal override async ValueTask SendAsync(SipDestination destination, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        try
        {
            await socket.SendToAsync(message, SocketFlags.None, destination.EndPoint, cancellationToken).ConfigureAwait(false);
            Host.Counters.MessageSent();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            Host.Counters.SendFailed();
            throw new SipTransportException($"UDP send to {destination.EndPoint} failed: {ex.Message}", ex);
        }
    }

    private async Task ReceiveLoop()
    {
        EndPoint any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!stop.IsCancellationRequested)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(MaxDatagram);
            var handedOff = false;
            try
            {
                var result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stop.Token).ConfigureAwait(false);
                Host.Counters.DatagramReceived();
                if (queue.Writer.TryWrite(new Datagram(buffer, result.ReceivedBytes, (IPEndPoint)result.RemoteEndPoint)))
                    handedOff = true;
                else
                    Host.Counters.DatagramDropped(); // shed load: the queue is full
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                // ICMP port unreachable from an earlier send, or an oversize datagram: not fatal to the socket.
            }
            catch (Exception ex)
            {
                Host.Counters.LoopFault();
                Host.Log.Error(ex, "UDP receive loop on {Local} caught a fault", LocalEndPoint);
            }
            finally
            {
                if (!handedOff) ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private async Task ParseLoop()
    {
        try
        {
            await foreach (var datagram in queue.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                try
                {
                    Process(datagram);
                }
                catch (Exception ex)
                {
                    Host.Counters.LoopFault();
                    Host.Log.Error(ex, "UDP datagram from {Remote} on {Local} caused a fault", datagram.Source, LocalEndPoint);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(datagram.Buffer);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private void Process(Datagram datagram)
    {
        var span = datagram.Buffer.AsSpan(0, datagram.Length);
        var flow = new SipFlow(SipTransportKind.Udp, LocalEndPoint, datagram.Source, 0);
        var result = SipMessageParser.ParseDatagram(span, Host.ParserOptions, out var message);
        switch (result.Status)
        {
            case SipParseStatus.Complete:
                Host.Receive(message!, flow, null, canWait: false);
                break;
            case SipParseStatus.KeepAlivePing or SipParseStatus.KeepAlivePong:
                // RFC 5626 §4.4.2 uses STUN on UDP; a stray CRLF datagram is simply ignored.
                break;
            default:
                Host.RejectMalformed(span, result.Error!, flow, reply => SendAsync(new SipDestination(SipTransportKind.Udp, datagram.Source), reply, CancellationToken.None));
                break;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (stop.IsCancellationRequested) return;
        stop.Cancel();
        socket.Dispose();
        queue.Writer.TryComplete();
        try
        {
            await Task.WhenAll(receiveLoop, parseLoop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        while (queue.Reader.TryRead(out var left)) ArrayPool<byte>.Shared.Return(left.Buffer);
        stop.Dispose();
    }

    private readonly record struct Datagram(byte[] Buffer, int Length, IPEndPoint Source);
}
