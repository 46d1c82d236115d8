using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Cluster.Runtime.Remoting;
using Cluster.Runtime.Tests.Remoting.Support;
using Cluster.TestSupport;

namespace Cluster.Runtime.Tests.Remoting;

public class RemoteTransportProtocolTests
{
    private static readonly TimeSpan Deadline = TestNode.Deadline;

    private static async Task<(TestNode A, TestNode B)> ConnectedPairAsync(Func<RemotingSettings, RemotingSettings>? configure = null)
    {
        var a = TestNode.Start(configure);
        var b = TestNode.Start(configure);
        a.Transport.Send(b.Address, "/user/b", null, "m", [1]);
        await b.Handler.WaitForCountAsync(1, Deadline);
        return (a, b);
    }

    private static async Task AssertPairStillWorksAsync(TestNode a, TestNode b)
    {
        var before = (a.Handler.Messages.Count, b.Handler.Messages.Count);
        a.Transport.Send(b.Address, "/user/b", null, "after", [2]);
        b.Transport.Send(a.Address, "/user/a", null, "after", [3]);
        await b.Handler.WaitForCountAsync(before.Item2 + 1, Deadline);
        await a.Handler.WaitForCountAsync(before.Item1 + 1, Deadline);
        Assert.Equal(1, a.Transport.GetAssociation(b.Address)!.ConnectionsEstablished);
    }

    [Fact]
    public async Task Oversized_message_is_rejected_at_send_with_an_error_log()
    {
        await using var a = TestNode.Start(s => s with { MaxFrameSize = 1024 });
        var target = new NodeAddress("127.0.0.1", 9);

        Assert.Equal(SendOutcome.RejectedOversized, a.Transport.Send(target, "/user/x", null, "big", new byte[2000]));
        Assert.Equal(SendOutcome.RejectedOversized, a.Transport.Send(target, "/user/x", null, "edge", new byte[1024 - 11]));
        Assert.Equal(2, a.Counters.DroppedOversized);
        await a.Log.WaitForAsync("exceeds maximum-frame-size", Deadline);
        Assert.Contains(a.Log.Lines, l => l.StartsWith("Error:", StringComparison.Ordinal));
        Assert.Equal(0, a.Transport.QueuedMessages(target));
    }

    [Fact]
    public async Task Largest_allowed_frame_is_delivered()
    {
        var (a, b) = await ConnectedPairAsync(s => s with { MaxFrameSize = 4096, WriteBatchSize = 1024 });
        await using var _ = a;
        await using var __ = b;
        // recipient "/user/x" (7) + manifest "big" (3) + 11 bytes of header = 21 bytes besides the payload.
        var payload = new byte[4096 - 4 - 21 + 4];
        Random.Shared.NextBytes(payload);
        Assert.Equal(SendOutcome.Enqueued, a.Transport.Send(b.Address, "/user/x", null, "big", payload));
        await b.Handler.WaitForCountAsync(2, Deadline);
        Assert.Equal(payload, b.Handler.Messages.Snapshot()[1].Payload);
    }

    [Fact]
    public async Task Peer_announcing_an_oversized_frame_is_disconnected_and_others_are_unaffected()
    {
        var (a, b) = await ConnectedPairAsync(s => s with { MaxFrameSize = 4096 });
        await using var _ = a;
        await using var __ = b;
        await using var raw = await RawPeer.ConnectAsync(a.Address);
        var answer = await raw.HandshakeAsync(new UniqueAddress(new NodeAddress("10.9.9.9", 4053), 5));
        Assert.Equal(HandshakePhase.Accept, answer.Phase);

        var header = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(header, 10_000_000);
        header[4] = (byte)FrameKind.UserMessage;
        await raw.SendAsync(header);

        Assert.True(await raw.WaitForCloseAsync(), "the transport should close a connection announcing an oversized frame");
        await a.Log.WaitForAsync("frame of 10000000 bytes exceeds maximum-frame-size 4096", Deadline);
        Assert.Equal(1, a.Counters.OversizedFramesReceived);
        await AssertPairStillWorksAsync(a, b);
    }

    [Fact]
    public async Task Malformed_bytes_from_a_raw_socket_close_only_that_connection()
    {
        var (a, b) = await ConnectedPairAsync();
        await using var _ = a;
        await using var __ = b;
        await using var raw = await RawPeer.ConnectAsync(a.Address);
        await raw.SendAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());

        Assert.True(await raw.WaitForCloseAsync(), "the transport should close a connection that sends garbage");
        await a.Log.WaitForAsync("Closing remoting connection with", Deadline);
        Assert.True(a.Counters.MalformedFrames + a.Counters.OversizedFramesReceived >= 1);
        await AssertPairStillWorksAsync(a, b);
    }

    [Fact]
    public async Task Malformed_message_after_the_handshake_closes_the_connection_with_a_log_line()
    {
        await using var a = TestNode.Start();
        await using var raw = await RawPeer.ConnectAsync(a.Address);
        var peer = new UniqueAddress(new NodeAddress("10.9.9.8", 4053), 6);
        await raw.HandshakeAsync(peer);
        await a.WaitForEventAsync<AssociationEstablished>(e => e.Remote == peer, "the raw peer's association");

        // A user message whose recipient length (0x00FF) runs past the end of the frame.
        await raw.SendAsync([0, 0, 0, 5, (byte)FrameKind.UserMessage, 0, 0xFF, (byte)'/', (byte)'a']);

        Assert.True(await raw.WaitForCloseAsync());
        await a.Log.WaitForAsync("malformed UserMessage frame", Deadline);
        Assert.Equal(1, a.Counters.MalformedFrames);
        var lost = await a.WaitForEventAsync<AssociationLost>(e => e.Remote == peer, "the raw peer's association to be lost");
        Assert.False(lost.Graceful);
    }

    [Fact]
    public async Task Handshake_with_another_system_name_is_rejected_and_logged()
    {
        await using var a = TestNode.Start();
        await using var other = TestNode.Start(s => s with { SystemName = "other-cluster" });

        other.Transport.Send(a.Address, "/user/x", null, "m", [1]);

        await a.Log.WaitForAsync("system name \"other-cluster\" does not match ours, \"uc\"", Deadline);
        await other.Log.WaitForAsync("SystemNameMismatch", Deadline);
        Assert.True(a.Counters.HandshakesRejected >= 1);
        Assert.True(other.Counters.HandshakesRejected >= 1);
        Assert.Empty(a.Transport.GetAssociations());
        Assert.Equal(0, a.Handler.Messages.Count);
        Assert.Equal(0, a.Counters.ConnectionsEstablished);
    }

    [Fact]
    public async Task Silent_connection_is_closed_after_the_handshake_timeout()
    {
        await using var a = TestNode.Start(s => s with { HandshakeTimeout = TimeSpan.FromMilliseconds(200) });
        await using var raw = await RawPeer.ConnectAsync(a.Address);

        Assert.True(await raw.WaitForCloseAsync());
        await a.Log.WaitForAsync("handshake with", Deadline);
        Assert.Equal(1, a.Counters.HandshakeFailures);
    }

    [Fact]
    public async Task Inbound_connection_during_own_pending_connect_is_decided_by_address_order()
    {
        // A fake node X listens but never answers A's handshake, so A's outbound connection stays pending while X
        // connects to A. The connection initiated by the lower address must win on both ends.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var x = new NodeAddress("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port);
        await using var a = TestNode.Start();

        a.Transport.Send(x, "/user/x", null, "m", [1]);
        using var fromA = await listener.AcceptTcpClientAsync().WaitAsync(Deadline);
        var request = new byte[5];
        await fromA.GetStream().ReadExactlyAsync(request).AsTask().WaitAsync(Deadline);
        Assert.Equal((byte)FrameKind.Handshake, request[4]);

        await using var raw = await RawPeer.ConnectAsync(a.Address);
        var answer = await raw.HandshakeAsync(new UniqueAddress(x, 99));

        if (a.Address < x)
        {
            Assert.Equal(HandshakePhase.Reject, answer.Phase);
            Assert.Equal(HandshakeRejectReason.DuplicateConnection, answer.RejectReason);
        }
        else
        {
            Assert.Equal(HandshakePhase.Accept, answer.Phase);
            await a.WaitForEventAsync<AssociationEstablished>(e => e.Remote.Uid == 99, "X's inbound connection to be installed");
            // A abandoned its own pending attempt: X sees that connection closed.
            using var cts = new CancellationTokenSource(Deadline);
            var chunk = new byte[4096];
            while (await fromA.GetStream().ReadAsync(chunk, cts.Token) > 0) { }
        }
    }
}
