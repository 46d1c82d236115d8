using System.Buffers.Binary;
using System.Net;
using Cluster.Edges.Media;
using Cluster.Edges.Media.Anchoring;
using Cluster.Edges.Media.Relay;
using Cluster.Edges.Media.Rtcp;
using Cluster.Edges.Media.Sdp;
using Cluster.Edges.Tests.Media.Support;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Media.Relay;

/// <summary>The packet path on real loopback sockets: two fake phones talk through one anchored slot.</summary>
public sealed class MediaRelayTests : IAsyncLifetime
{
    private readonly ManualTimeProvider time = new();
    private readonly UdpEndpoint aliceRtp = new();
    private readonly UdpEndpoint aliceRtcp = new();
    private readonly UdpEndpoint bobRtp = new();
    private readonly UdpEndpoint bobRtcp = new();
    private MediaRelay relay = null!;

    private MediaSettings Settings { get; set; } = MediaSettings.Default with { BindAddress = IPAddress.Loopback };

    public Task InitializeAsync()
    {
        relay = TestRelays.Open(Settings, time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await relay.DisposeAsync();
        aliceRtp.Dispose();
        aliceRtcp.Dispose();
        bobRtp.Dispose();
        bobRtcp.Dispose();
    }

    private async Task Reopen(MediaSettings settings)
    {
        await relay.DisposeAsync();
        Settings = settings;
        relay = TestRelays.Open(settings, time);
    }

    private static MediaLegEndpoint Endpoint(UdpEndpoint rtp, UdpEndpoint rtcp, bool mux = false) =>
        new(IPAddress.Loopback, rtp.Port, rtcp.Port, mux, SdpDirectionState.Active, 8000);

    private IPEndPoint Slot(MediaLeg leg, bool rtcp = false) => relay.LocalEndPoint(leg, rtcp);

    private void Connect(bool mux = false)
    {
        relay.SetEndpoint(MediaLeg.A, Endpoint(aliceRtp, aliceRtcp, mux));
        relay.SetEndpoint(MediaLeg.B, Endpoint(bobRtp, bobRtcp, mux));
    }

    private static uint Ssrc(byte[] packet) => BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(8));

    [Fact]
    public async Task Rtp_flows_both_ways_through_the_slot_and_each_leg_latches()
    {
        Connect();
        aliceRtp.Send(RtpPackets.Rtp(ssrc: 1, sequence: 1), Slot(MediaLeg.A));
        var (atBob, fromSlot) = await bobRtp.ReceiveAsync("Alice's RTP relayed to Bob");
        Assert.Equal(1u, Ssrc(atBob));
        Assert.Equal(Slot(MediaLeg.B), fromSlot); // Bob sees the anchor's B port, never Alice

        bobRtp.Send(RtpPackets.Rtp(ssrc: 2, sequence: 1), Slot(MediaLeg.B));
        var (atAlice, fromSlotA) = await aliceRtp.ReceiveAsync("Bob's RTP relayed to Alice");
        Assert.Equal(2u, Ssrc(atAlice));
        Assert.Equal(Slot(MediaLeg.A), fromSlotA);

        Assert.Equal(aliceRtp.EndPoint, relay.LatchedSource(MediaLeg.A, rtcp: false));
        Assert.Equal(bobRtp.EndPoint, relay.LatchedSource(MediaLeg.B, rtcp: false));
        var a = relay.Statistics(MediaLeg.A).Snapshot(time);
        Assert.Equal((1L, 1L), (a.RtpPacketsReceived, a.PacketsSent));
    }

    [Fact]
    public async Task Media_goes_to_the_real_source_not_the_sdp_port()
    {
        Connect();
        using var aliceBehindNat = new UdpEndpoint(); // sends from a port her SDP does not name
        aliceBehindNat.Send(RtpPackets.Rtp(ssrc: 1, sequence: 1), Slot(MediaLeg.A));
        await bobRtp.ReceiveAsync("Alice's RTP at Bob");

        bobRtp.Send(RtpPackets.Rtp(ssrc: 2, sequence: 1), Slot(MediaLeg.B));
        var (packet, _) = await aliceBehindNat.ReceiveAsync("Bob's RTP at Alice's real (latched) source");
        Assert.Equal(2u, Ssrc(packet));
    }

    [Fact]
    public async Task Hijacker_from_another_port_is_dropped_and_counted()
    {
        Connect();
        aliceRtp.Send(RtpPackets.Rtp(ssrc: 1, sequence: 1), Slot(MediaLeg.A));
        await bobRtp.ReceiveAsync("Alice's first RTP");

        using var hijacker = new UdpEndpoint();
        hijacker.Send(RtpPackets.Rtp(ssrc: 666, sequence: 1), Slot(MediaLeg.A));
        aliceRtp.Send(RtpPackets.Rtp(ssrc: 1, sequence: 2), Slot(MediaLeg.A));
        var before = await bobRtp.ReceiveUntilAsync(p => Ssrc(p) == 1, "Alice's second RTP after the hijack attempt");
        Assert.Empty(before);
        Assert.Equal(1, relay.Statistics(MediaLeg.A).Snapshot(time).HijackDrops);
        Assert.Equal(aliceRtp.EndPoint, relay.LatchedSource(MediaLeg.A, rtcp: false));
    }

    [Fact]
    public async Task Relatch_needs_the_timeout_and_a_new_ssrc()
    {
        Connect();
        aliceRtp.Send(RtpPackets.Rtp(ssrc: 1, sequence: 1), Slot(MediaLeg.A));
        await bobRtp.ReceiveAsync("Alice's first RTP");
        using var roamed = new UdpEndpoint();

        time.Advance(Settings.RelatchTimeout);
        roamed.Send(RtpPackets.Rtp(ssrc: 1, sequence: 2), Slot(MediaLeg.A)); // same SSRC: a replay, refused
        roamed.Send(RtpPackets.Rtp(ssrc: 7, sequence: 1), Slot(MediaLeg.A)); // new stream after the timeout: accepted
        var (packet, _) = await bobRtp.ReceiveAsync("the new stream after re-latching");
        Assert.Equal(7u, Ssrc(packet));
        Assert.Equal(roamed.EndPoint, relay.LatchedSource(MediaLeg.A, rtcp: false));
        Assert.Equal(1, relay.Statistics(MediaLeg.A).Snapshot(time).HijackDrops);
    }

    [Fact]
    public async Task Sdp_address_mode_refuses_sources_from_another_ip()
    {
        await Reopen(Settings with { LatchMode = LatchMode.SdpAddress });
        Connect();
        using var stranger = new UdpEndpoint("127.0.0.2");
        stranger.Send(RtpPackets.Rtp(ssrc: 9, sequence: 1), Slot(MediaLeg.A));
        aliceRtp.Send(RtpPackets.Rtp(ssrc: 1, sequence: 1), Slot(MediaLeg.A));
        var before = await bobRtp.ReceiveUntilAsync(p => Ssrc(p) == 1, "Alice's RTP from the SDP address");
        Assert.Empty(before);
        Assert.Equal(1, relay.Statistics(MediaLeg.A).Snapshot(time).HijackDrops);
    }

    [Fact]
    public async Task Rtcp_is_relayed_and_reports_give_jitter_loss_and_round_trip()
    {
        Connect();
        // Alice's SR reaches Bob through the anchor; the anchor notes when it forwarded it.
        var sr = RtpPackets.SenderReport(ssrc: 1, ntpSeconds: 0xE8A1_2345, ntpFraction: 0x8000_0000);
        aliceRtcp.Send(sr, Slot(MediaLeg.A, rtcp: true));
        var (atBob, fromSlot) = await bobRtcp.ReceiveAsync("Alice's SR at Bob's RTCP port");
        Assert.Equal(sr, atBob);
        Assert.Equal(Slot(MediaLeg.B, rtcp: true), fromSlot);

        // 560 ms later Bob reports: held the SR 500 ms (DLSR 0x8000 = 0.5 s), so the anchor-Bob round trip is 60 ms.
        time.Advance(TimeSpan.FromMilliseconds(560));
        var block = new RtpPackets.Block(Ssrc: 1, FractionLost: 13, CumulativeLost: 42, HighestSequence: 1000, Jitter: 160,
            Lsr: RtpPackets.MiddleNtp(0xE8A1_2345, 0x8000_0000), Dlsr: 0x8000);
        var rr = RtpPackets.ReceiverReport(ssrc: 2, block);
        bobRtcp.Send(rr, Slot(MediaLeg.B, rtcp: true));
        var (atAlice, _) = await aliceRtcp.ReceiveAsync("Bob's RR at Alice's RTCP port");
        Assert.Equal(rr, atAlice);

        var bob = relay.Statistics(MediaLeg.B).Snapshot(time);
        Assert.Equal(1, bob.Reports);
        Assert.Equal(20.0, bob.JitterMs!.Value, 3);          // 160 / 8000 Hz
        Assert.Equal(13 * 100.0 / 256, bob.LossPercent!.Value, 3);
        Assert.Equal(42, bob.CumulativeLost);
        Assert.Equal(60.0, bob.RoundTripMs!.Value, 3);
        Assert.Equal(30.0, bob.OneWayDelayMs!.Value, 3);

        var verdict = MediaQualityVerdict.Evaluate(MediaLegStatisticsSnapshot.Empty, bob, Settings.Quality, Settings.RtcpInterval);
        Assert.Equal(MediaQuality.Poor, verdict.Quality); // 5.08 % loss > 3 %
        Assert.Equal(["leg B: loss 5.08 % > 3 %"], verdict.Reasons);
    }

    [Fact]
    public async Task Muxed_rtcp_travels_on_the_rtp_ports()
    {
        Connect(mux: true);
        var sr = RtpPackets.SenderReport(ssrc: 1, ntpSeconds: 5, ntpFraction: 0);
        aliceRtp.Send(sr, Slot(MediaLeg.A)); // RFC 5761: RTCP on the RTP port
        var (atBob, from) = await bobRtp.ReceiveAsync("muxed SR at Bob's RTP port");
        Assert.Equal(sr, atBob);
        Assert.Equal(Slot(MediaLeg.B), from);
        Assert.Equal(1, relay.Statistics(MediaLeg.A).Snapshot(time).RtcpPacketsReceived);
    }

    [Fact]
    public async Task Media_sockets_carry_dscp_ef_unless_off()
    {
        foreach (var leg in new[] { MediaLeg.A, MediaLeg.B })
        {
            foreach (var rtcp in new[] { false, true })
                Assert.Equal(46, MediaSocketOptions.ReadDscp(relay.Socket(leg, rtcp))); // IP_TOS 0xB8
        }
        Assert.Equal(0xB8, (int)relay.Socket(MediaLeg.A, false).GetSocketOption(System.Net.Sockets.SocketOptionLevel.IP, System.Net.Sockets.SocketOptionName.TypeOfService)!);

        await Reopen(Settings with { Dscp = null });
        Assert.Equal(0, MediaSocketOptions.ReadDscp(relay.Socket(MediaLeg.A, false)));
    }

    [Fact]
    public async Task Packets_before_the_other_leg_is_known_are_counted_not_lost_silently()
    {
        relay.SetEndpoint(MediaLeg.A, Endpoint(aliceRtp, aliceRtcp)); // Bob's SDP not known yet
        aliceRtp.Send(RtpPackets.Rtp(ssrc: 1, sequence: 1), Slot(MediaLeg.A));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (relay.Statistics(MediaLeg.A).Snapshot(time).NoDestinationDrops == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "expected the early packet to be counted as having no destination within 5 s");
            await Task.Yield();
        }
        Assert.Equal(1, relay.Statistics(MediaLeg.A).Snapshot(time).RtpPacketsReceived);
    }
}
