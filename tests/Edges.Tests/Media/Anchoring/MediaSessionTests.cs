using System.Net;
using Cluster.Edges.Media;
using Cluster.Edges.Media.Anchoring;
using Cluster.Edges.Media.Ports;
using Cluster.Edges.Media.Sdp;
using Cluster.Edges.Tests.Media.Sdp;

namespace Cluster.Edges.Tests.Media.Anchoring;

public sealed class MediaSessionTests
{
    private static readonly IPAddress Anchor = IPAddress.Parse("192.0.2.50");
    private static readonly MediaSlotPorts Ports = new(3, 30012);

    private static SdpSession Parse(string text)
    {
        Assert.True(SdpParser.TryParse(text, out var session, out var error), error?.ToString());
        return session!;
    }

    private static MediaSession NewSession(IcePolicy ice = IcePolicy.Strip) => new(Ports, Anchor, ice);

    [Fact]
    public void Offer_gets_anchor_address_and_the_other_legs_ports()
    {
        var session = NewSession();
        var forB = session.Rewrite(MediaLeg.A, SdpKind.Offer, Parse(SampleSdp.AliceOffer));

        Assert.Equal("192.0.2.50", forB.Connection!.Address);
        Assert.Equal(30014, forB.Media[0].Port); // leg B talks to the slot's second pair
        Assert.Equal("30015 IN IP4 192.0.2.50", forB.Media[0].Attribute("rtcp")!.Value);
        Assert.Equal(0, forB.Media[1].Port); // video cannot be anchored on a 4-port slot: disabled
        Assert.Equal("192.0.2.50", forB.Origin.Address);
        Assert.Equal(2890844526UL, forB.Origin.SessionVersion);
        Assert.DoesNotContain(forB.Attributes.Concat(forB.Media[0].Attributes), a => a.IsIce);
        // codecs, fmtp and direction pass through untouched
        Assert.Equal(["0", "8", "101"], forB.Media[0].Formats);
        Assert.Equal("101 0-15", forB.Media[0].Attribute("fmtp")!.Value);
        Assert.Equal(SdpDirection.SendRecv, forB.EffectiveDirection(0));

        var endpointA = session.Endpoint(MediaLeg.A)!;
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.10"), 49170), endpointA.Rtp);
        Assert.Equal(49171, endpointA.RtcpPort);
        Assert.Equal(8000, endpointA.ClockRate);
    }

    [Fact]
    public void Answer_gets_the_first_pair_and_the_callee_endpoint_is_recorded()
    {
        var session = NewSession();
        session.Rewrite(MediaLeg.A, SdpKind.Offer, Parse(SampleSdp.AliceOffer));
        var forA = session.Rewrite(MediaLeg.B, SdpKind.Answer, Parse(SampleSdp.BobAnswer));

        Assert.Equal(30012, forA.Media[0].Port);
        Assert.Equal("192.0.2.50", forA.Connection!.Address);
        Assert.Equal(0, forA.Media[1].Port);
        Assert.Equal(new SdpOrigin("bob", "2808844564", 2808844564, "IN", "IP4", "192.0.2.50"), forA.Origin);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("203.0.113.20"), 3456), session.Endpoint(MediaLeg.B)!.Rtp);
        Assert.Equal(3457, session.Endpoint(MediaLeg.B)!.RtcpPort); // no a=rtcp: RTP + 1 (RFC 3605 §2)
    }

    [Fact]
    public void Restore_gives_back_exactly_what_each_leg_sent()
    {
        var session = NewSession();
        var forB = session.Rewrite(MediaLeg.A, SdpKind.Offer, Parse(SampleSdp.AliceOffer));
        var forA = session.Rewrite(MediaLeg.B, SdpKind.Answer, Parse(SampleSdp.BobAnswer));

        Assert.Equal(SampleSdp.AliceOffer, session.Restore(MediaLeg.A, forB).ToString());
        Assert.Equal(SampleSdp.BobAnswer, session.Restore(MediaLeg.B, forA).ToString());
    }

    [Fact]
    public void Ice_attributes_pass_when_configured()
    {
        var forB = NewSession(IcePolicy.Pass).Rewrite(MediaLeg.A, SdpKind.Offer, Parse(SampleSdp.AliceOffer));
        Assert.Equal("8hhY", forB.Attribute("ice-ufrag")!.Value);
        Assert.NotNull(forB.Media[0].Attribute("candidate"));
    }

    [Fact]
    public void Hold_and_resume_keep_the_ports_and_bump_the_version_by_one_each()
    {
        var session = NewSession();
        var initial = session.Rewrite(MediaLeg.A, SdpKind.Offer, Parse(SampleSdp.AliceOffer));
        session.Rewrite(MediaLeg.B, SdpKind.Answer, Parse(SampleSdp.BobAnswer));

        // Alice holds (RFC 3264 §8.4): her own o= version moves on too, which must not leak through.
        var holdOffer = Parse(SampleSdp.AliceOffer.Replace("2890844526 2890844526", "2890844526 2890844530").Replace("a=sendrecv", "a=sendonly"));
        var hold = session.Rewrite(MediaLeg.A, SdpKind.Offer, holdOffer);
        Assert.Equal(SdpDirection.SendOnly, hold.EffectiveDirection(0));
        Assert.Equal(initial.Media[0].Port, hold.Media[0].Port);
        Assert.Equal(initial.Origin.SessionVersion + 1, hold.Origin.SessionVersion);
        Assert.Equal(initial.Origin.SessionId, hold.Origin.SessionId);
        Assert.True(session.Endpoint(MediaLeg.A)!.Direction.IsHold);

        var holdAnswer = session.Rewrite(MediaLeg.B, SdpKind.Answer, Parse(SampleSdp.BobAnswer.Replace("a=sendrecv", "a=recvonly")));
        Assert.Equal(30012, holdAnswer.Media[0].Port);
        Assert.Equal(2808844565UL, holdAnswer.Origin.SessionVersion);

        var resume = session.Rewrite(MediaLeg.A, SdpKind.Offer, Parse(SampleSdp.AliceOffer));
        Assert.Equal(initial.Origin.SessionVersion + 2, resume.Origin.SessionVersion);
        Assert.Equal(30014, resume.Media[0].Port);
        Assert.False(session.Endpoint(MediaLeg.A)!.Direction.IsHold);
    }

    [Fact]
    public void Unchanged_reoffer_keeps_the_version()
    {
        var session = NewSession();
        var first = session.Rewrite(MediaLeg.A, SdpKind.Offer, Parse(SampleSdp.AliceOffer));
        session.Rewrite(MediaLeg.B, SdpKind.Answer, Parse(SampleSdp.BobAnswer));
        var refresh = session.Rewrite(MediaLeg.A, SdpKind.Offer, Parse(SampleSdp.AliceOffer));
        Assert.Equal(first.ToString(), refresh.ToString()); // RFC 3264 §8: same description, same version
    }

    [Fact]
    public void Legacy_hold_address_is_kept_and_marks_hold()
    {
        var session = NewSession();
        session.Rewrite(MediaLeg.A, SdpKind.Offer, Parse(SampleSdp.AliceOffer));
        var forB = session.Rewrite(MediaLeg.A, SdpKind.Offer, Parse(SampleSdp.AliceOffer.Replace("c=IN IP4 198.51.100.10", "c=IN IP4 0.0.0.0")));
        Assert.Equal("0.0.0.0", forB.Connection!.Address);
        Assert.True(session.Endpoint(MediaLeg.A)!.Direction.IsHold);
    }

    [Fact]
    public void Replaced_leg_keeps_the_session_towards_the_other_party()
    {
        var session = NewSession();
        session.Rewrite(MediaLeg.A, SdpKind.Offer, Parse(SampleSdp.AliceOffer));
        var toA = session.Rewrite(MediaLeg.B, SdpKind.Answer, Parse(SampleSdp.BobAnswer));

        // Bob transfers Alice to Carol: leg B now carries Carol, Alice must see the same o= session with version + 1.
        session.ReplaceLeg(MediaLeg.B);
        Assert.Null(session.Endpoint(MediaLeg.B));
        var carol = SampleSdp.BobAnswer.Replace("o=bob 2808844564 2808844564 IN IP4 203.0.113.20", "o=carol 77 1 IN IP4 203.0.113.30")
            .Replace("c=IN IP4 203.0.113.20", "c=IN IP4 203.0.113.30").Replace("m=audio 3456 RTP/AVP 0 101", "m=audio 7000 RTP/AVP 8 101")
            .Replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000"); // Carol only speaks PCMA: what Alice sees changes
        var session2 = session.Rewrite(MediaLeg.B, SdpKind.Offer, Parse(carol));
        Assert.Equal((toA.Origin.Username, toA.Origin.SessionId, toA.Origin.SessionVersion + 1),
            (session2.Origin.Username, session2.Origin.SessionId, session2.Origin.SessionVersion));
        Assert.Equal(30012, session2.Media[0].Port);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("203.0.113.30"), 7000), session.Endpoint(MediaLeg.B)!.Rtp);
    }

    [Fact]
    public void Answer_with_other_mline_count_is_refused()
    {
        var session = NewSession();
        session.Rewrite(MediaLeg.A, SdpKind.Offer, Parse(SampleSdp.AliceOffer));
        var shortAnswer = SampleSdp.BobAnswer.Replace("m=video 0 RTP/AVP 31\r\n", "");
        var error = Assert.Throws<SdpRewriteException>(() => session.Rewrite(MediaLeg.B, SdpKind.Answer, Parse(shortAnswer)));
        Assert.Contains("RFC 3264 §6", error.Message);
    }

    [Fact]
    public void Offer_without_audio_is_refused()
    {
        var videoOnly = SampleSdp.BobAnswer.Replace("m=audio 3456", "m=audio 0").Replace("m=video 0", "m=video 5000");
        var error = Assert.Throws<SdpRewriteException>(() => NewSession().Rewrite(MediaLeg.A, SdpKind.Offer, Parse(videoOnly)));
        Assert.Contains("no audio", error.Message);
    }

    [Fact]
    public void Rtcp_mux_is_used_only_when_both_legs_agree()
    {
        var session = NewSession();
        session.Rewrite(MediaLeg.A, SdpKind.Offer, Parse(SampleSdp.AliceOffer.Replace("a=sendrecv", "a=rtcp-mux\r\na=sendrecv")));
        Assert.True(session.Endpoint(MediaLeg.A)!.RtcpMux);
        session.Rewrite(MediaLeg.B, SdpKind.Answer, Parse(SampleSdp.BobAnswer));
        Assert.False(session.Endpoint(MediaLeg.A)!.RtcpMux); // RFC 5761 §5.1.1: the answer did not accept mux
        session.Rewrite(MediaLeg.B, SdpKind.Answer, Parse(SampleSdp.BobAnswer.Replace("a=sendrecv", "a=rtcp-mux\r\na=sendrecv")));
        Assert.True(session.Endpoint(MediaLeg.A)!.RtcpMux);
        Assert.True(session.Endpoint(MediaLeg.B)!.RtcpMux);
    }
}
