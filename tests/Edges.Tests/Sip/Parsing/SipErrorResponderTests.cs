using System.Buffers;
using System.Text;
using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Tests.Sip.Parsing;

public sealed class SipErrorResponderTests
{
    private static (SipParseResult Result, string? Response) Run(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var result = SipMessageParser.ParseDatagram(bytes, SipParserOptions.Default, out _);
        var writer = new ArrayBufferWriter<byte>();
        var answered = result.Error is not null && SipErrorResponder.TryWriteErrorResponse(bytes, result.Error, writer, toTag: "zz");
        return (result, answered ? Encoding.UTF8.GetString(writer.WrittenSpan) : null);
    }

    private const string Head = "OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\nCall-ID: c@h\r\nCSeq: 1 OPTIONS\r\n";

    [Fact]
    public void Request_with_malformed_to_gets_a_parseable_400_naming_the_header()
    {
        var (result, response) = Run(Head + "From: <sip:b@example.com>;tag=1\r\nTo: <sip:a@example.com\r\nContent-Length: 0\r\n\r\n");
        Assert.Same(SipParseError.MalformedTo, result.Error);
        Assert.NotNull(response);
        Assert.StartsWith("SIP/2.0 400 Bad Request (Malformed To header)\r\n", response);
        Assert.True(SipMessageParser.ParseDatagram(Encoding.UTF8.GetBytes(response!), SipParserOptions.Default, out _).Status == SipParseStatus.Invalid,
            "the copied To is still malformed, so the 400 itself does not parse: the peer gets the raw echo RFC 3261 §8.2.6.2 asks for");
        Assert.Contains("\r\nVia: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n", response);
    }

    [Fact]
    public void Request_with_missing_from_gets_400_with_generated_to_tag()
    {
        var (result, response) = Run(Head + "To: <sip:a@example.com>\r\nContent-Length: 0\r\n\r\n");
        Assert.Same(SipParseError.MissingFrom, result.Error);
        var parsedOk = SipMessageParser.ParseDatagram(Encoding.UTF8.GetBytes(response!), SipParserOptions.Default, out var m);
        Assert.Equal(SipParseStatus.Invalid, parsedOk.Status); // From is absent in the echo as well
        Assert.Contains("To: <sip:a@example.com>;tag=zz\r\n", response);
        Assert.Null(m);
    }

    [Fact]
    public void Ack_and_responses_are_never_answered()
    {
        Assert.Null(Run("ACK sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: c@h\r\nCSeq: 1 ACK\r\nTo: <bad\r\n\r\n").Response);
        Assert.Null(Run("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: c@h\r\nCSeq: 1 INVITE\r\nTo: <bad\r\n\r\n").Response);
    }

    [Fact]
    public void Drops_are_counted()
    {
        var before = SipParserCounters.Dropped;
        Assert.Null(Run("INVITE sip:a@example.com SIP/2.0\r\nTo: <sip:a@example.com>\r\n\r\n").Response);
        Assert.True(SipParserCounters.Dropped > before);
    }
}
