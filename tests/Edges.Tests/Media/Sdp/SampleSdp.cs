namespace Cluster.Edges.Tests.Media.Sdp;

/// <summary>Descriptions used across the SDP tests, CRLF-terminated as on the wire.</summary>
internal static class SampleSdp
{
    /// <summary>RFC 4317 §2.1-style audio offer with rtcp (RFC 3605), telephone-event and ICE candidates.</summary>
    public static readonly string AliceOffer = Crlf("""
        v=0
        o=alice 2890844526 2890844526 IN IP4 198.51.100.10
        s=-
        c=IN IP4 198.51.100.10
        t=0 0
        a=ice-ufrag:8hhY
        a=ice-pwd:asd88fgpdd777uzjYhagZg
        m=audio 49170 RTP/AVP 0 8 101
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=rtcp:49171 IN IP4 198.51.100.10
        a=candidate:1 1 UDP 2130706431 198.51.100.10 49170 typ host
        a=sendrecv
        m=video 51372 RTP/AVP 31
        a=rtpmap:31 H261/90000
        """);

    public static readonly string BobAnswer = Crlf("""
        v=0
        o=bob 2808844564 2808844564 IN IP4 203.0.113.20
        s=-
        c=IN IP4 203.0.113.20
        t=0 0
        m=audio 3456 RTP/AVP 0 101
        a=rtpmap:0 PCMU/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=sendrecv
        m=video 0 RTP/AVP 31
        """);

    public static string Crlf(string text) => text.ReplaceLineEndings("\r\n") + "\r\n";
}
