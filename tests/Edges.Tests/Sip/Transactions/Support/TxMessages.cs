using System.Net;
using System.Text;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transactions;
using Cluster.Edges.Sip.Transport;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Sip.Transactions.Support;

/// <summary>Builds the messages the transaction tests feed in.</summary>
internal static class TxMessages
{
    public static readonly SipFlow UdpFlow = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5060),
        new IPEndPoint(IPAddress.Parse("198.51.100.7"), 5062), 0);

    public static readonly SipFlow TcpFlow = UdpFlow with { Transport = SipTransportKind.Tcp, ConnectionId = 7 };

    public static readonly SipDestination UdpTarget = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("198.51.100.7"), 5060));

    public static readonly SipDestination TcpTarget = UdpTarget with { Transport = SipTransportKind.Tcp };

    public static SipMessage Parse(string text)
    {
        var result = SipMessageParser.ParseDatagram(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n")), SipParserOptions.Default, out var m);
        Assert.True(result.IsComplete, $"test message does not parse: {result}");
        return m!;
    }

    public static SipInboundMessage In(string text, SipFlow? flow = null) => new(Parse(text), flow ?? UdpFlow);

    /// <summary>A request as a peer sends it.</summary>
    public static string Request(string method, string? branch, int cseq = 1, string? toTag = null, string sentBy = "198.51.100.7:5062",
        string transport = "UDP", string fromTag = "ft1", string callId = "call-1@198.51.100.7", string? cseqMethod = null) =>
        $"""
        {method} sip:bob@192.0.2.10 SIP/2.0
        Via: SIP/2.0/{transport} {sentBy}{(branch is null ? "" : ";branch=" + branch)}
        Max-Forwards: 70
        From: <sip:alice@example.com>;tag={fromTag}
        To: <sip:bob@example.com>{(toTag is null ? "" : ";tag=" + toTag)}
        Call-ID: {callId}
        CSeq: {cseq} {cseqMethod ?? method}
        Content-Length: 0


        """;

    /// <summary>A response to a request the layer sent.</summary>
    public static SipInboundMessage ResponseTo(SipMessage request, int status, string reason = "Whatever", string toTag = "remote1")
    {
        var b = SipMessageBuilder.CreateResponse(request, status, reason, toTag);
        var bytes = b.ToArray();
        Assert.True(SipMessageParser.ParseDatagram(bytes, SipParserOptions.Default, out var m).IsComplete);
        return new SipInboundMessage(m!, UdpFlow);
    }

    /// <summary>A request builder as a UAC core would hand it to the layer (no Via).</summary>
    public static SipMessageBuilder Outgoing(string method, int cseq = 1) =>
        SipMessageBuilder.Request(method, "sip:bob@198.51.100.7")
            .AddHeader("Max-Forwards", "70")
            .AddHeader("From", "<sip:alice@example.com>;tag=local1")
            .AddHeader("To", "<sip:bob@example.com>")
            .AddHeader("Call-ID", "out-1@192.0.2.10")
            .AddHeader("CSeq", $"{cseq} {method}")
            .AddHeader("Route", "<sip:proxy.example.com;lr>");

    public static (SipTransactionLayer Layer, RecordingSender Sender, RecordingUser User, ManualTimeProvider Time) NewLayer(int max = 1000)
    {
        var time = new ManualTimeProvider();
        var sender = new RecordingSender(time);
        var user = new RecordingUser();
        var layer = new SipTransactionLayer(sender, user, SipTimerSettings.Default, max, time);
        return (layer, sender, user, time);
    }
}
