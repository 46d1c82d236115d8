using System.Net;
using System.Net.Sockets;
using System.Text;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transport;
using Cluster.Edges.Tests.Dns.Support;
using Cluster.Edges.Tests.Sip.Transactions.Support;
using Cluster.Edges.Tests.Sip.Transport.Support;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Sip.Transport;

public sealed class StreamTransportTests
{
    [Fact]
    public async Task Tcp_frames_two_messages_in_one_segment_and_one_split_across_segments()
    {
        await using var uas = new AnsweringUas();
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(uas.Transport.Tcp);
        var stream = client.GetStream();

        var two = RawMessages.Options("z9hG4bKtcp1", transport: "TCP").Concat(RawMessages.Options("z9hG4bKtcp2", transport: "TCP")).ToArray();
        await stream.WriteAsync(two);
        var split = RawMessages.Options("z9hG4bKtcp3", transport: "TCP");
        await stream.WriteAsync(split.AsMemory(0, 40));
        await stream.FlushAsync();
        await stream.WriteAsync(split.AsMemory(40));

        var responses = await ReadMessages(stream, 3).Within("three 200 responses over TCP");
        Assert.Equal(["z9hG4bKtcp1", "z9hG4bKtcp2", "z9hG4bKtcp3"], responses.Select(r => r.TopVia.Branch).Order());
        Assert.All(responses, r => Assert.Equal(200, r.StatusCode));
    }

    [Fact]
    public async Task Double_crlf_ping_is_answered_with_a_single_crlf_pong()
    {
        await using var harness = TransportHarness.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(harness.Tcp);
        var stream = client.GetStream();
        await stream.WriteAsync("\r\n\r\n"u8.ToArray());
        var pong = new byte[2];
        await stream.ReadExactlyAsync(pong).AsTask().WaitAsync(Deadline.Default);
        Assert.Equal("\r\n"u8.ToArray(), pong);
        Assert.Equal(1, harness.Layer.Counters.KeepAlivePongs);
    }

    [Fact]
    public async Task Two_requests_to_the_same_target_share_one_connection()
    {
        await using var server = TransportHarness.Start();
        await using var client = TransportHarness.Start();
        var target = new SipDestination(SipTransportKind.Tcp, server.Tcp);
        await client.Layer.SendAsync(target, RawMessages.Options("z9hG4bKreuse1", transport: "TCP"));
        await client.Layer.SendAsync(target, RawMessages.Options("z9hG4bKreuse2", transport: "TCP"));
        var first = await server.NextAsync("the first request");
        var second = await server.NextAsync("the second request");
        Assert.Equal(first.Flow, second.Flow);
        Assert.Equal(1, client.Layer.Counters.ConnectionsOpened);
        Assert.Equal(1, server.Layer.Counters.ConnectionsAccepted);
    }

    [Fact]
    public async Task Response_goes_back_over_the_connection_the_request_came_on()
    {
        await using var server = TransportHarness.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(server.Tcp);
        await client.GetStream().WriteAsync(RawMessages.Options("z9hG4bKback", transport: "TCP", sentBy: "192.0.2.99:5099"));
        var request = await server.NextAsync("the request");
        var response = SipMessageBuilder.CreateResponse(request.Message, 200, "OK").ToArray();
        await server.Layer.SendResponseAsync(request.Flow, request.Message.TopVia, response);
        var received = await ReadMessages(client.GetStream(), 1).Within("the response on the same connection");
        Assert.Equal(200, received[0].StatusCode);
        Assert.Equal("127.0.0.1", received[0].TopVia.Received);
    }

    [Fact]
    public async Task Flow_token_round_trips_and_maps_to_the_live_connection()
    {
        await using var server = TransportHarness.Start();
        var client = new TcpClient();
        await client.ConnectAsync(server.Tcp);
        await client.GetStream().WriteAsync(RawMessages.Options("z9hG4bKflow", transport: "TCP"));
        var request = await server.NextAsync("the request");

        var token = server.Layer.CreateFlowToken(request.Flow);
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        var destination = server.Layer.ResolveFlowToken(token);
        Assert.Equal(request.Flow, destination.Flow);

        // A request on the flow reaches the client over its connection.
        await server.Layer.SendAsync(destination, RawMessages.Options("z9hG4bKtoclient", transport: "TCP"));
        Assert.Equal("z9hG4bKtoclient", (await ReadMessages(client.GetStream(), 1).Within("the request on the flow"))[0].TopVia.Branch);

        // Gone connection: fail fast with a clear error, never a new connection.
        client.Dispose();
        await Eventually.True(() => !server.Layer.IsFlowAlive(request.Flow), "the flow to die with its connection");
        var gone = Assert.Throws<SipTransportException>(() => server.Layer.ResolveFlowToken(token));
        Assert.Contains("gone", gone.Message);
        var sendGone = await Assert.ThrowsAsync<SipTransportException>(async () =>
            await server.Layer.SendAsync(SipDestination.OnFlow(request.Flow), RawMessages.Options("z9hG4bKlate", transport: "TCP")));
        Assert.Contains("gone", sendGone.Message);
        Assert.Equal(0, server.Layer.Counters.ConnectionsOpened);
    }

    [Fact]
    public void Tampered_or_foreign_flow_tokens_are_rejected()
    {
        var codec = SipFlowTokenCodec.CreateRandom();
        var flow = new SipFlow(SipTransportKind.Tls, new IPEndPoint(IPAddress.Parse("10.0.0.1"), 5061),
            new IPEndPoint(IPAddress.Parse("2001:db8::7"), 40123), 42);
        var token = codec.Encode(flow);
        Assert.True(codec.TryDecode(token, out var decoded));
        Assert.Equal(flow, decoded);

        var chars = token.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var tampered = (char[])chars.Clone();
            tampered[i] = tampered[i] == 'A' ? 'B' : 'A';
            Assert.False(codec.TryDecode(new string(tampered), out _), $"a token changed at position {i} must not decode");
        }
        Assert.False(SipFlowTokenCodec.CreateRandom().TryDecode(token, out _)); // another key
        Assert.False(codec.TryDecode("", out _));
        Assert.False(codec.TryDecode("not a token!", out _));
        Assert.False(codec.TryDecode(token[..^4], out _));
    }

    [Fact]
    public async Task Idle_connections_are_closed_by_the_idle_timeout()
    {
        var time = new ManualTimeProvider();
        await using var server = TransportHarness.Start(s => s with { IdleTimeout = TimeSpan.FromMinutes(1) }, time);
        using var client = new TcpClient();
        await client.ConnectAsync(server.Tcp);
        await client.GetStream().WriteAsync(RawMessages.Options("z9hG4bKidle", transport: "TCP"));
        await server.NextAsync("the request");
        time.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal(0, server.Layer.Counters.IdleClosed);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, server.Layer.Counters.IdleClosed);
        var read = await client.GetStream().ReadAsync(new byte[16]).AsTask().Within("the server to close the idle connection");
        Assert.Equal(0, read);
    }

    [Fact]
    public async Task Connections_beyond_the_limit_are_refused_and_counted()
    {
        await using var server = TransportHarness.Start(s => s with { MaxConnections = 1 });
        using var first = new TcpClient();
        await first.ConnectAsync(server.Tcp);
        await first.GetStream().WriteAsync(RawMessages.Options("z9hG4bKfirst", transport: "TCP"));
        await server.NextAsync("the first connection's request");
        using var second = new TcpClient();
        await second.ConnectAsync(server.Tcp);
        var read = await second.GetStream().ReadAsync(new byte[16]).AsTask().Within("the second connection to be closed");
        Assert.Equal(0, read);
        Assert.Equal(1, server.Layer.Counters.ConnectionsRefused);
    }

    [Fact]
    public async Task Malformed_stream_message_that_breaks_framing_closes_the_connection()
    {
        await using var server = TransportHarness.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(server.Tcp);
        var noLength = Encoding.ASCII.GetString(RawMessages.Options("z9hG4bKnolen", transport: "TCP")).Replace("Content-Length: 0\r\n", "");
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(noLength));
        var replies = await ReadMessages(client.GetStream(), 1).Within("a 400 for the missing Content-Length");
        Assert.Equal(400, replies[0].StatusCode);
        var read = await client.GetStream().ReadAsync(new byte[16]).AsTask().Within("the connection to close");
        Assert.Equal(0, read);
    }

    internal static async Task<List<SipMessage>> ReadMessages(NetworkStream stream, int count)
    {
        var result = new List<SipMessage>();
        var buffer = new byte[65536];
        var filled = 0;
        while (result.Count < count)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(filled));
            if (n == 0) throw new IOException($"connection closed after {result.Count} of {count} messages");
            filled += n;
            while (true)
            {
                var r = SipMessageParser.TryParseStream(buffer.AsSpan(0, filled), SipParserOptions.Default, out var m);
                if (r.Status != SipParseStatus.Complete) break;
                result.Add(m!);
                buffer.AsSpan(r.Consumed, filled - r.Consumed).CopyTo(buffer);
                filled -= r.Consumed;
            }
        }
        return result;
    }
}
