using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Cluster.Edges.Media.Anchoring;
using Cluster.Edges.Media.Ports;
using Cluster.Edges.Media.Rtcp;
using Serilog;

namespace Cluster.Edges.Media.Relay;

/// <summary>
/// The packet path of one slot: four UDP sockets (leg A RTP/RTCP, leg B RTP/RTCP), each with its own receive loop
/// and one pooled buffer, relaying to the other leg's latched source (or its SDP address until it latches). Nothing
/// here goes through an actor mailbox; the slot manager only installs endpoints, resets latches, reads counters and
/// disposes. A datagram costs no allocation: the source <see cref="SocketAddress"/> is reused, compared bytewise with
/// the latch, and sent with the synchronous non-blocking <c>SendTo</c>.
/// </summary>
public sealed class MediaRelay : IAsyncDisposable
{
    private readonly MediaSettings settings;
    private readonly TimeProvider time;
    private readonly ILogger log;
    private readonly CancellationTokenSource stopping = new();
    private readonly RelayLeg legA;
    private readonly RelayLeg legB;
    private Task[] loops = [];
    private long lastActivity;
    private int disposed;

    private MediaRelay(MediaSlotPorts ports, MediaSettings settings, TimeProvider time, ILogger log, RelayLeg a, RelayLeg b)
    {
        Ports = ports;
        this.settings = settings;
        this.time = time;
        this.log = log;
        legA = a;
        legB = b;
        lastActivity = time.GetTimestamp();
    }

    public MediaSlotPorts Ports { get; }

    /// <summary>Timestamp (of the relay's <see cref="TimeProvider"/>) of the last accepted packet, or of the opening.</summary>
    public long LastActivityTimestamp => Volatile.Read(ref lastActivity);

    /// <summary>
    /// Binds the four ports of <paramref name="ports"/> on the bind address, marks them with the DSCP and starts the
    /// receive loops. Throws <see cref="SocketException"/> (after closing what it opened) when a port is taken.
    /// </summary>
    public static MediaRelay Open(MediaSlotPorts ports, MediaSettings settings, TimeProvider time, ILogger? log = null)
    {
        var sockets = new List<Socket>(4);
        try
        {
            for (var i = 0; i < MediaSlotLayout.PortsPerSlot; i++)
                sockets.Add(Bind(settings, ports.BasePort + i));
        }
        catch
        {
            foreach (var s in sockets)
                s.Dispose();
            throw;
        }
        var relay = new MediaRelay(ports, settings, time, log ?? Log.ForContext<MediaRelay>(),
            new RelayLeg(MediaLeg.A, sockets[0], sockets[1], settings.LatchMode),
            new RelayLeg(MediaLeg.B, sockets[2], sockets[3], settings.LatchMode));
        relay.loops =
        [
            Task.Run(() => relay.ReceiveLoopAsync(relay.legA, rtcpSocket: false)),
            Task.Run(() => relay.ReceiveLoopAsync(relay.legA, rtcpSocket: true)),
            Task.Run(() => relay.ReceiveLoopAsync(relay.legB, rtcpSocket: false)),
            Task.Run(() => relay.ReceiveLoopAsync(relay.legB, rtcpSocket: true)),
        ];
        return relay;
    }

    /// <summary>Installs where a leg's SDP says it receives media (null: unknown, e.g. the stream was rejected).</summary>
    public void SetEndpoint(MediaLeg leg, MediaLegEndpoint? endpoint) => Leg(leg).SetEndpoint(endpoint);

    /// <summary>The endpoint installed for <paramref name="leg"/>.</summary>
    public MediaLegEndpoint? Endpoint(MediaLeg leg) => Leg(leg).Current?.Endpoint;

    /// <summary>Forgets both latches of a leg (transfer: a new party will send from elsewhere).</summary>
    public void ResetLatches(MediaLeg leg) => Leg(leg).ResetLatches();

    public MediaLegStatistics Statistics(MediaLeg leg) => Leg(leg).Statistics;

    /// <summary>The source a leg's RTP (or RTCP) socket latched onto, or null.</summary>
    public IPEndPoint? LatchedSource(MediaLeg leg, bool rtcp) =>
        (rtcp ? Leg(leg).RtcpLatch : Leg(leg).RtpLatch).Latched is { } address ? Unmap((IPEndPoint)new IPEndPoint(address.Family == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0).Create(address)) : null;

    /// <summary>The local address of a leg's RTP or RTCP socket.</summary>
    public IPEndPoint LocalEndPoint(MediaLeg leg, bool rtcp) => (IPEndPoint)Socket(leg, rtcp).LocalEndPoint!;

    internal Socket Socket(MediaLeg leg, bool rtcp) => rtcp ? Leg(leg).RtcpSocket : Leg(leg).RtpSocket;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
            return;
        stopping.Cancel();
        legA.RtpSocket.Dispose();
        legA.RtcpSocket.Dispose();
        legB.RtpSocket.Dispose();
        legB.RtcpSocket.Dispose();
        await Task.WhenAll(loops).ConfigureAwait(false);
        stopping.Dispose();
    }

    private static Socket Bind(MediaSettings settings, int port)
    {
        var socket = new Socket(settings.BindAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (settings.BindAddress.AddressFamily == AddressFamily.InterNetworkV6)
                socket.DualMode = true;
            if (settings.Dscp is { } dscp)
                MediaSocketOptions.ApplyDscp(socket, dscp);
            socket.Bind(new IPEndPoint(settings.BindAddress, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private RelayLeg Leg(MediaLeg leg) => leg == MediaLeg.A ? legA : legB;

    private async Task ReceiveLoopAsync(RelayLeg leg, bool rtcpSocket)
    {
        var socket = rtcpSocket ? leg.RtcpSocket : leg.RtpSocket;
        var latch = rtcpSocket ? leg.RtcpLatch : leg.RtpLatch;
        var other = leg.Leg == MediaLeg.A ? legB : legA;
        // One byte more than the largest accepted packet, so that an oversized datagram is recognised and dropped.
        var buffer = ArrayPool<byte>.Shared.Rent(settings.MaxPacketSize + 1);
        var source = new SocketAddress(socket.AddressFamily);
        var token = stopping.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                int received;
                try
                {
                    received = await socket.ReceiveFromAsync(buffer.AsMemory(0, settings.MaxPacketSize + 1), SocketFlags.None, source, token).ConfigureAwait(false);
                }
                catch (SocketException ex) when (ex.SocketErrorCode == SocketError.MessageSize)
                {
                    leg.Statistics.OnMalformed();
                    continue;
                }
                catch (SocketException ex) when (IsPeerError(ex.SocketErrorCode))
                {
                    continue;
                }
                if (received > settings.MaxPacketSize)
                {
                    leg.Statistics.OnMalformed();
                    continue;
                }
                Relay(leg, other, latch, rtcpSocket, buffer.AsSpan(0, received), source);
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
            log.Error(ex, "Media relay loop of slot {Ports} leg {Leg} ({Kind}) failed", Ports, leg.Leg, rtcpSocket ? "rtcp" : "rtp");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Relay(RelayLeg leg, RelayLeg other, SourceLatch latch, bool rtcpSocket, ReadOnlySpan<byte> packet, SocketAddress source)
    {
        var now = time.GetTimestamp();
        var rtcp = rtcpSocket || RtcpReader.LooksLikeRtcp(packet);
        switch (latch.Check(source, packet, rtcp, now, leg, settings, time))
        {
            case LatchDecision.Hijack:
                leg.Statistics.OnHijackDropped();
                return;
            case LatchDecision.Malformed:
                leg.Statistics.OnMalformed();
                return;
        }

        Volatile.Write(ref lastActivity, now);
        leg.Statistics.OnReceived(packet.Length, rtcp);
        if (rtcp)
            RtcpReader.ReadReports(packet, new RtcpContext(leg, other, now, time),
                static (c, ntpMiddle) => c.Other.OnSenderReportForwarded(ntpMiddle, c.Now),
                static (c, block) => c.OnBlock(block));

        // RFC 5761 §5.1.3: a leg that negotiated rtcp-mux gets RTCP on its RTP port.
        var destination = other.Current;
        SocketAddress? target;
        Socket via;
        if (rtcp && destination?.RtcpMux != true)
        {
            target = other.RtcpLatch.Latched ?? destination?.Rtcp;
            via = other.RtcpSocket;
        }
        else
        {
            target = other.RtpLatch.Latched ?? destination?.Rtp;
            via = other.RtpSocket;
        }
        if (target is null)
        {
            leg.Statistics.OnNoDestination();
            return;
        }
        try
        {
            via.SendTo(packet, SocketFlags.None, target);
            other.Statistics.OnSent(packet.Length);
        }
        catch (SocketException ex) when (IsPeerError(ex.SocketErrorCode) || ex.SocketErrorCode is SocketError.WouldBlock or SocketError.NoBufferSpaceAvailable)
        {
            leg.Statistics.OnNoDestination();
        }
        catch (ObjectDisposedException)
        {
            // the slot is being released
        }
    }

    private static IPEndPoint Unmap(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;

    private static bool IsPeerError(SocketError error) =>
        error is SocketError.ConnectionReset or SocketError.HostUnreachable or SocketError.NetworkUnreachable
            or SocketError.ConnectionRefused or SocketError.MessageSize;

    private readonly record struct RtcpContext(RelayLeg Leg, RelayLeg Other, long Now, TimeProvider Time)
    {
        public void OnBlock(RtcpReportBlock block)
        {
            var clockRate = Leg.Current?.Endpoint.ClockRate ?? 8000;
            Leg.Statistics.OnReport(block, clockRate, Now);
            if (Leg.RoundTrip(block, Now, Time) is { } rtt)
                Leg.Statistics.OnRoundTrip(rtt);
        }
    }
}
