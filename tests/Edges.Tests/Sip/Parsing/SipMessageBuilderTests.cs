using System.Buffers;
using System.Text;
using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Tests.Sip.Parsing;

public sealed class SipMessageBuilderTests
{
    private static SipMessage Parse(byte[] bytes)
    {
        var r = SipMessageParser.ParseDatagram(bytes, SipParserOptions.Default, out var m);
        Assert.True(r.IsComplete, r.ToString());
        return m!;
    }

    [Fact]
    public void Response_copies_via_from_to_call_id_cseq_and_adds_a_to_tag()
    {
        var request = Parse(SampleMessages.Invite);
        var bytes = SipMessageBuilder.CreateResponse(request, 180, "Ringing", toTag: "as83kd9").ToArray();
        var response = Parse(bytes);
        Assert.Equal(180, response.StatusCode);
        Assert.Equal("Ringing", response.ReasonPhrase);
        Assert.Equal(request.Vias.Select(v => v.Raw), response.Vias.Select(v => v.Raw));
        Assert.Equal(request.From.Raw, response.From.Raw);
        Assert.Equal("as83kd9", response.ToTag);
        Assert.Equal(request.To.Uri!.ToString(), response.To.Uri!.ToString());
        Assert.Equal(request.CallId, response.CallId);
        Assert.Equal(request.CSeq, response.CSeq);
        Assert.Equal(0, response.ContentLength);
    }

    [Fact]
    public void Response_to_a_request_with_a_to_tag_keeps_that_tag_and_100_gets_none()
    {
        var withTag = Parse(TortureMessages.Load("wsinv"));
        Assert.Equal("1918181833n", Parse(SipMessageBuilder.CreateResponse(withTag, 200, "OK").ToArray()).ToTag);
        var invite = Parse(SampleMessages.Invite);
        Assert.Null(Parse(SipMessageBuilder.CreateResponse(invite, 100, "Trying").ToArray()).ToTag);
    }

    [Fact]
    public void Built_request_round_trips_through_the_parser()
    {
        var builder = SipMessageBuilder.Request("MESSAGE", "sip:bob@example.com")
            .AddHeader(SipHeaderKind.Via, "SIP/2.0/TCP 192.0.2.4:5060;branch=z9hG4bKabc;rport")
            .AddHeader("Max-Forwards", "70")
            .AddHeader("From", "<sip:alice@example.com>;tag=x1")
            .AddHeader("To", "<sip:bob@example.com>")
            .AddHeader("Call-ID", "c1@192.0.2.4")
            .AddHeader("CSeq", "1 MESSAGE")
            .AddHeader("X-Custom", "kept \"as is\"")
            .SetBody("text/plain", Encoding.UTF8.GetBytes("hello ✓"));
        var writer = new ArrayBufferWriter<byte>();
        var written = builder.WriteTo(writer);
        Assert.Equal(builder.GetByteCount(), written);
        var m = Parse(writer.WrittenSpan.ToArray());
        Assert.Equal(SipMethod.Message, m.Method);
        Assert.Equal("hello ✓", m.BodyText);
        Assert.Equal("text/plain", m.ContentType);
        Assert.Equal("kept \"as is\"", m.GetHeaderValue("x-custom"));
        Assert.True(m.TopVia.HasRPort);
    }

    [Theory]
    [InlineData("wsinv")]
    [InlineData("intmeth")]
    [InlineData("esc01")]
    [InlineData("mpart01")]
    [InlineData("longreq")]
    [InlineData("unreason")]
    [InlineData("ipv4-mapped-ipv6")]
    public void Copy_of_a_parsed_message_reparses_to_the_same_semantics(string name)
    {
        var original = TortureMessages.ParseValid(name);
        var copy = Parse(SipMessageBuilder.CopyOf(original).ToArray());
        Assert.Equal(original.IsRequest, copy.IsRequest);
        Assert.Equal(original.MethodText, copy.MethodText);
        Assert.Equal(original.RequestUri?.ToString(), copy.RequestUri?.ToString());
        Assert.Equal(original.StatusCode, copy.StatusCode);
        Assert.Equal(original.Vias.Select(v => (v.Host, v.Port, v.Branch)), copy.Vias.Select(v => (v.Host, v.Port, v.Branch)));
        Assert.Equal(original.From.Uri!.ToString(), copy.From.Uri!.ToString());
        Assert.Equal(original.FromTag, copy.FromTag);
        Assert.Equal(original.ToTag, copy.ToTag);
        Assert.Equal(original.CallId, copy.CallId);
        Assert.Equal(original.CSeq, copy.CSeq);
        Assert.Equal(original.Body.ToArray(), copy.Body.ToArray());
        Assert.Equal(original.HeaderCount, copy.HeaderCount + (original.ContentLength is null ? -1 : 0));
    }

    [Fact]
    public void Header_values_with_line_breaks_are_refused() =>
        Assert.Throws<ArgumentException>(() => SipMessageBuilder.Response(200, "OK").AddHeader("Subject", "a\r\nVia: injected"));
}
