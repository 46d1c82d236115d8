using System.Net;
using System.Net.Sockets;
using Cluster.Edges.Media.Anchoring;
using Cluster.Edges.Media.Rtcp;

namespace Cluster.Edges.Media.Relay;

/// <summary>
/// The relay's view of one leg: its two sockets, latches, SDP destination, statistics and the sender reports
/// recently forwarded to it (for round-trip time).
/// </summary>
internal sealed class RelayLeg(MediaLeg leg, Socket rtpSocket, Socket rtcpSocket, LatchMode latchMode)
{
    private const int SenderReportHistory = 8;
    private readonly Lock srGate = new();
    private readonly (uint Key, long At)[] forwardedSenderReports = new (uint, long)[SenderReportHistory];
    private int nextSenderReport;
    private Destination? destination;

    public MediaLeg Leg { get; } = leg;

    public Socket RtpSocket { get; } = rtpSocket;

    public Socket RtcpSocket { get; } = rtcpSocket;

    public SourceLatch RtpLatch { get; } = new();

    public SourceLatch RtcpLatch { get; } = new();

    public MediaLegStatistics Statistics { get; } = new();

    public Destination? Current => Volatile.Read(ref destination);

    /// <summary>Installs the leg's SDP endpoint; a changed address or port forgets the latches (the phone moved).</summary>
    public void SetEndpoint(MediaLegEndpoint? endpoint)
    {
        var previous = Current;
        var next = endpoint is null ? null : new Destination(endpoint, RtpSocket.AddressFamily, latchMode);
        Volatile.Write(ref destination, next);
        if (previous?.Endpoint.Address?.Equals(endpoint?.Address) != true || previous.Endpoint.RtpPort != endpoint?.RtpPort
            || previous.Endpoint.RtcpPort != endpoint.RtcpPort)
            ResetLatches();
    }

    public void ResetLatches()
    {
        RtpLatch.RequestReset();
        RtcpLatch.RequestReset();
    }

    /// <summary>Whether a not-yet-latched source may latch under the configured mode.</summary>
    public bool SourceAllowed(SocketAddress source)
    {
        var current = Current;
        if (current is null)
            return latchMode == LatchMode.Any;
        return current.AnySource || (current.ExpectedIp is { } expected && SourceAddress.HasIp(source, expected));
    }

    public void OnSenderReportForwarded(uint ntpMiddle, long at)
    {
        lock (srGate)
        {
            forwardedSenderReports[nextSenderReport] = (ntpMiddle, at);
            nextSenderReport = (nextSenderReport + 1) % SenderReportHistory;
        }
    }

    /// <summary>
    /// RFC 3550 §6.4.1: RTT = A - LSR - DLSR. Here A - LSR is measured on our own clock (when we forwarded the SR whose
    /// NTP middle bits equal LSR, and now), so endpoint clocks do not matter.
    /// </summary>
    public TimeSpan? RoundTrip(RtcpReportBlock block, long now, TimeProvider time)
    {
        if (block.LastSenderReport == 0)
            return null;
        long? at = null;
        lock (srGate)
        {
            foreach (var (key, when) in forwardedSenderReports)
            {
                if (key == block.LastSenderReport && when != 0)
                    at = when;
            }
        }
        if (at is null)
            return null;
        var rtt = time.GetElapsedTime(at.Value, now) - TimeSpan.FromSeconds(block.DelaySinceLastSenderReport / 65536.0);
        return rtt < TimeSpan.Zero ? TimeSpan.Zero : rtt;
    }

    /// <summary>Immutable per-endpoint data the packet path reads.</summary>
    internal sealed class Destination
    {
        public Destination(MediaLegEndpoint endpoint, AddressFamily family, LatchMode mode)
        {
            Endpoint = endpoint;
            Rtp = endpoint.Rtp is { } rtp ? SourceAddress.For(rtp, family) : null;
            Rtcp = endpoint.Rtcp is { } rtcp ? SourceAddress.For(rtcp, family) : null;
            var address = endpoint.Address;
            if (address is not null && address.IsIPv4MappedToIPv6)
                address = address.MapToIPv4();
            ExpectedIp = address?.GetAddressBytes();
            AnySource = mode == LatchMode.Any
                || (mode == LatchMode.AnyIfPrivate && (address is null || SourceAddress.IsPrivateOrUnusable(address)));
        }

        public MediaLegEndpoint Endpoint { get; }

        public SocketAddress? Rtp { get; }

        public SocketAddress? Rtcp { get; }

        public byte[]? ExpectedIp { get; }

        public bool AnySource { get; }

        public bool RtcpMux => Endpoint.RtcpMux;

        public IPAddress? Address => Endpoint.Address;
    }
}
