using System.Net;
using System.Net.Sockets;
using System.Text;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Tests.Dns.Support;
using Cluster.Edges.Tests.Sip.Transport.Support;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Sip.Transport;

public sealed class UdpTransportTests
{
    [Fact]
    public async Task Udp_request_is_stamped_with_received_and_rport_and_answered_at_its_source()
    {
        await using var uas = new AnsweringUas();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var clientPort = ((IPEndPoint)client.Client.LocalEndPoint!).Port;

        // sent-by names an address the packet did not come from: the response must still reach the source (RFC 3581).
        await client.SendAsync(RawMessages.Options("z9hG4bKudp1", sentBy: "192.0.2.99:5099"), uas.Transport.Udp);
        var reply = await client.ReceiveAsync().Within("a response to the UDP OPTIONS");

        Assert.True(SipMessageParser.ParseDatagram(reply.Buffer, SipParserOptions.Default, out var response).IsComplete);
        Assert.Equal(200, response!.StatusCode);
        Assert.Equal("127.0.0.1", response.TopVia.Received);
        Assert.Equal(clientPort, response.TopVia.RPort);
        Assert.Equal("z9hG4bKudp1", response.TopVia.Branch);
    }

    [Fact]
    public async Task Udp_request_from_its_sent_by_without_rport_is_not_stamped()
    {
        await using var harness = TransportHarness.Start();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)client.Client.LocalEndPoint!).Port;
        await client.SendAsync(RawMessages.Options("z9hG4bKudp2", sentBy: $"127.0.0.1:{port}", rport: false), harness.Udp);
        var inbound = await harness.NextAsync("the OPTIONS");
        Assert.Null(inbound.Message.TopVia.Received);
        Assert.Equal(port, inbound.Flow.Remote.Port);
    }

    [Fact]
    public async Task Malformed_udp_request_is_answered_with_400_and_garbage_is_dropped_and_counted()
    {
        await using var harness = TransportHarness.Start();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var bad = Encoding.ASCII.GetString(RawMessages.Options("z9hG4bKbad")).Replace("To: <sip:127.0.0.1>", "To: <sip:127.0.0.1");
        await client.SendAsync(Encoding.ASCII.GetBytes(bad), harness.Udp);
        var reply = await client.ReceiveAsync().Within("a 400 for the malformed To");
        var text = Encoding.ASCII.GetString(reply.Buffer); // echoes the broken To, so it is checked as text
        Assert.StartsWith("SIP/2.0 400 Bad Request (Malformed To header)\r\n", text);
        Assert.Contains("Via: SIP/2.0/UDP 192.0.2.99:5099;branch=z9hG4bKbad;rport\r\n", text);
        Assert.Equal(1, harness.Layer.Counters.MalformedAnswered);

        await client.SendAsync("\x01\x02garbage that is not SIP\r\n\r\n"u8.ToArray(), harness.Udp);
        await Eventually.True(() => harness.Layer.Counters.MalformedDropped == 1, "the garbage datagram to be counted as dropped");

        // The transport is still alive afterwards.
        await client.SendAsync(RawMessages.Options("z9hG4bKafter"), harness.Udp);
        Assert.Equal("z9hG4bKafter", (await harness.NextAsync("the OPTIONS after the garbage")).Message.TopVia.Branch);
        Assert.Equal(0, harness.Layer.Counters.LoopFaults);
    }

    [Fact]
    public async Task Udp_flood_beyond_the_queue_is_shed_with_a_counter()
    {
        var gate = new ManualResetEventSlim(false);
        await using var harness = TransportHarness.Start(s => s with { UdpQueueSize = 1, InboundQueueSize = 1 }, handler: _ => gate.Wait());
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        for (var i = 0; i < 200; i++) await client.SendAsync(RawMessages.Options($"z9hG4bKflood{i}"), harness.Udp);
        await Eventually.True(() =>
            harness.Layer.Counters.DatagramsDropped + harness.Layer.Counters.InboundDropped > 0, "some datagrams to be shed");
        gate.Set();
    }
}
