using System.Text;
using Cluster.Edges.Media.Sdp;

namespace Cluster.Edges.Tests.Media.Sdp;

public sealed class SdpParserTests
{
    private static SdpSession Parse(string text)
    {
        Assert.True(SdpParser.TryParse(text, out var session, out var error), error?.ToString());
        return session!;
    }

    [Fact]
    public void Offer_parses_into_typed_lines()
    {
        var sdp = Parse(SampleSdp.AliceOffer);
        Assert.Equal(new SdpOrigin("alice", "2890844526", 2890844526, "IN", "IP4", "198.51.100.10"), sdp.Origin);
        Assert.Equal("198.51.100.10", sdp.Connection!.Address);
        Assert.Equal(2, sdp.Media.Count);
        var audio = sdp.Media[0];
        Assert.Equal(("audio", 49170, "RTP/AVP"), (audio.Media, audio.Port, audio.Protocol));
        Assert.Equal(["0", "8", "101"], audio.Formats);
        Assert.True(audio.TryGetRtcp(out var rtcpPort, out var rtcpAddress));
        Assert.Equal(49171, rtcpPort);
        Assert.Equal("198.51.100.10", rtcpAddress!.Address);
        Assert.Equal(SdpDirection.SendRecv, sdp.EffectiveDirection(0));
        Assert.Equal(8000, audio.ClockRate());
        Assert.Equal(90000, sdp.Media[1].ClockRate());
        Assert.True(SdpRtpMap.TryParse(audio.Attributes[2].Value, out var map));
        Assert.Equal(new SdpRtpMap(101, "telephone-event", 8000, null), map);
        Assert.Equal("0-15", audio.Attribute("fmtp")!.Value![4..]);
    }

    [Theory]
    [MemberData(nameof(RoundTripSamples))]
    public void Unchanged_description_writes_back_byte_for_byte(string text)
    {
        Assert.Equal(text, Parse(text).ToString());
    }

    public static TheoryData<string> RoundTripSamples() => new()
    {
        SampleSdp.AliceOffer,
        SampleSdp.BobAnswer,
        // Every session-level field type, a media-level c=, b=, k= and i=, multi-channel rtpmap, rtcp-mux.
        SampleSdp.Crlf("""
            v=0
            o=- 1 2 IN IP6 2001:db8::1
            s=Call
            i=info
            u=http://example.com/
            e=ops@example.com
            p=+1 555 0100
            c=IN IP6 2001:db8::1
            b=AS:128
            t=2873397496 2873404696
            r=7d 1h 0 25h
            z=2882844526 -1h
            k=prompt
            a=recvonly
            m=audio 5004/2 RTP/SAVPF 96
            i=main audio
            c=IN IP6 2001:db8::2
            b=TIAS:64000
            a=rtpmap:96 opus/48000/2
            a=rtcp-mux
            """),
    };

    [Fact]
    public void Bare_lf_line_ends_are_accepted()
    {
        var sdp = Parse(SampleSdp.BobAnswer.Replace("\r\n", "\n"));
        Assert.Equal(SampleSdp.BobAnswer, sdp.ToString());
    }

    [Theory]
    [InlineData("", "empty body")]
    [InlineData("v=1\r\n", "unsupported version")]
    [InlineData("o=a 1 1 IN IP4 1.2.3.4\r\n", "expected v=")]
    [InlineData("v=0\r\no=a 1 x IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\n", "malformed o=")]
    [InlineData("v=0\r\no=a 1 1 IN IP4 1.2.3.4\r\ns=-\r\n", "no t= line")]
    [InlineData("v=0\r\no=a 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n", "has no c= line")]
    [InlineData("v=0\r\no=a 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\nm=audio 70000 RTP/AVP 0\r\n", "malformed m=")]
    [InlineData("v=0\r\no=a 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\nx=unknown\r\n", "unknown line type")]
    [InlineData("v=0\r\no=a 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\nnot a line\r\n", "expected <type>=<value>")]
    [InlineData("v=0\r\no=a 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4\r\nt=0 0\r\n", "malformed c=")]
    public void Malformed_description_is_refused_with_reason(string text, string reason)
    {
        Assert.False(SdpParser.TryParse(text, out var session, out var error));
        Assert.Null(session);
        Assert.Contains(reason, error!.ToString());
    }

    [Fact]
    public void Every_prefix_of_an_offer_parses_or_fails_cleanly()
    {
        var bytes = Encoding.UTF8.GetBytes(SampleSdp.AliceOffer);
        for (var length = 0; length < bytes.Length; length++)
        {
            var ok = SdpParser.TryParse(bytes.AsSpan(0, length), out var session, out var error);
            Assert.True(ok ? session is not null && error is null : session is null && error is not null, $"prefix {length}");
        }
    }

    [Fact]
    public void Random_mutations_never_throw()
    {
        var original = Encoding.UTF8.GetBytes(SampleSdp.AliceOffer);
        var random = new Random(4566);
        for (var i = 0; i < 20_000; i++)
        {
            var mutated = (byte[])original.Clone();
            for (var n = random.Next(1, 6); n > 0; n--)
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            if (SdpParser.TryParse(mutated, out var session, out _))
                Assert.True(SdpParser.TryParse(session!.ToString(), out _, out var again), $"re-parse of a written description failed: {again}");
        }
    }

    [Fact]
    public void Direction_can_be_replaced()
    {
        var sdp = Parse(SampleSdp.AliceOffer);
        sdp.Media[0].SetDirection(SdpDirection.SendOnly);
        Assert.Equal(SdpDirection.SendOnly, Parse(sdp.ToString()).EffectiveDirection(0));
        Assert.Single(sdp.Media[0].Attributes, a => a.Name is "sendrecv" or "sendonly");
    }
}
