using System.Net;
using System.Net.Sockets;
using Cluster.Runtime.Remoting;
using Cluster.Runtime.Tests.Remoting.Support;
using Cluster.TestSupport;

namespace Cluster.Runtime.Tests.Remoting;

public class RemoteTransportFailureTests
{
    private static readonly TimeSpan Deadline = TestNode.Deadline;

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Crashed_peer_restarted_at_the_same_address_is_a_new_incarnation_and_gets_the_buffered_messages()
    {
        await using var a = TestNode.Start();
        var b1 = TestNode.Start();
        var port = b1.Address.Port;
        var oldIncarnation = b1.Transport.LocalAddress;
        a.Transport.Send(b1.Address, "/user/b", null, "m", [1]);
        await b1.Handler.WaitForCountAsync(1, Deadline);

        await b1.Transport.AbortAsync();
        var lost = await a.WaitForEventAsync<AssociationLost>(e => e.Remote == oldIncarnation, "the crashed peer's association to be lost");
        Assert.False(lost.Graceful);

        // Sent while the peer is down: buffered, then delivered to the new incarnation.
        Assert.Equal(SendOutcome.Enqueued, a.Transport.Send(b1.Address, "/user/b", null, "queued", [2]));
        await using var b2 = TestNode.Start(s => s with { BindPort = port });
        Assert.Equal(b1.Address, b2.Address);

        var changed = await a.WaitForEventAsync<IncarnationChanged>(e => e.Previous == oldIncarnation, "the restart to be reported");
        Assert.Equal(b2.Transport.LocalAddress, changed.Remote);
        await a.WaitForEventAsync<AssociationEstablished>(e => e.Remote == b2.Transport.LocalAddress, "an association with the new incarnation");
        await b2.Handler.WaitForCountAsync(1, Deadline);
        Assert.Equal("queued", b2.Handler.Messages.Snapshot()[0].Manifest);
        Assert.Equal(b2.Transport.LocalAddress.Uid, a.Transport.GetAssociation(b1.Address)!.RemoteUid);
    }

    [Fact]
    public async Task Peer_that_left_gracefully_is_not_reconnected_until_something_is_sent()
    {
        await using var a = TestNode.Start();
        var b1 = TestNode.Start();
        var port = b1.Address.Port;
        var oldIncarnation = b1.Transport.LocalAddress;
        a.Transport.Send(b1.Address, "/user/b", null, "m", [1]);
        await b1.Handler.WaitForCountAsync(1, Deadline);

        await b1.DisposeAsync();
        var lost = await a.WaitForEventAsync<AssociationLost>(e => e.Remote == oldIncarnation, "the departed peer's association to be lost");
        Assert.True(lost.Graceful);
        Assert.Equal(AssociationState.Idle, a.Transport.GetAssociation(oldIncarnation.Address)!.State);

        await using var b2 = TestNode.Start(s => s with { BindPort = port });
        Assert.Equal(AssociationState.Idle, a.Transport.GetAssociation(oldIncarnation.Address)!.State);
        a.Transport.Send(b2.Address, "/user/b", null, "again", [2]);
        await a.WaitForEventAsync<IncarnationChanged>(e => e.Previous == oldIncarnation && e.Remote == b2.Transport.LocalAddress, "the new incarnation");
        await b2.Handler.WaitForCountAsync(1, Deadline);
    }

    [Fact]
    public async Task Messages_beyond_the_queue_bound_are_dropped_and_counted_while_the_peer_is_down_then_the_rest_arrive()
    {
        var port = FreePort();
        var target = new NodeAddress("127.0.0.1", port);
        await using var a = TestNode.Start(s => s with { SendQueueCapacity = 10 });

        var outcomes = Enumerable.Range(0, 25).Select(i => a.Transport.Send(target, "/user/b", null, "m", [(byte)i])).ToList();

        Assert.Equal(10, outcomes.Count(o => o == SendOutcome.Enqueued));
        Assert.Equal(15, outcomes.Count(o => o == SendOutcome.DroppedQueueFull));
        Assert.Equal(15, a.Counters.DroppedQueueFull);
        var diagnostics = a.Transport.GetAssociation(target)!;
        Assert.Equal(15, diagnostics.DroppedQueueFull);
        Assert.Equal(10, diagnostics.QueuedUserMessages);
        Assert.NotEqual(AssociationState.Connected, diagnostics.State);
        await a.Log.WaitForAsync("send queue full", Deadline);
        await a.Log.WaitForAsync("Cannot connect to", Deadline);

        // The listener comes back: the reconnect loop finds it and the queued ten arrive in order.
        await using var b = TestNode.Start(s => s with { BindPort = port });
        await b.Handler.WaitForCountAsync(10, Deadline);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (byte)i), b.Handler.Messages.Snapshot().Select(m => m.Payload[0]));
        Assert.Equal(0, a.Transport.QueuedMessages(target));
    }

    [Fact]
    public async Task Crashed_peer_is_reported_lost_then_unreachable_after_the_pause()
    {
        static RemotingSettings Fast(RemotingSettings s) => s with
        {
            HeartbeatInterval = TimeSpan.FromMilliseconds(50),
            AcceptableHeartbeatPause = TimeSpan.FromMilliseconds(400),
        };
        await using var a = TestNode.Start(Fast);
        var b = TestNode.Start(Fast);
        a.Transport.Send(b.Address, "/user/b", null, "m", [1]);
        await b.Handler.WaitForCountAsync(1, Deadline);
        var peer = b.Transport.LocalAddress;

        await b.Transport.AbortAsync();

        await a.WaitForEventAsync<AssociationLost>(e => e.Remote == peer, "the connection loss");
        var unreachable = await a.WaitForEventAsync<PeerUnreachable>(e => e.Remote == peer, "the crashed peer to become unreachable");
        Assert.True(unreachable.Silence > TimeSpan.FromMilliseconds(400));
        Assert.False(a.Transport.GetAssociation(peer.Address)!.Reachable);
    }

    [Fact]
    public async Task Silent_peer_becomes_unreachable_and_reachable_again_when_frames_resume()
    {
        var time = new ManualTimeProvider();
        await using var a = TestNode.Start(s => s with
        {
            HeartbeatInterval = TimeSpan.FromSeconds(1),
            AcceptableHeartbeatPause = TimeSpan.FromSeconds(5),
        }, time);
        await using var raw = await RawPeer.ConnectAsync(a.Address);
        var peer = new UniqueAddress(new NodeAddress("10.1.1.1", 4053), 77);
        Assert.Equal(HandshakePhase.Accept, (await raw.HandshakeAsync(peer)).Phase);
        await a.WaitForEventAsync<AssociationEstablished>(e => e.Remote == peer, "the raw peer's association");

        // The transport heartbeats every interval and answers our heartbeat with an ack carrying its sequence.
        time.Advance(TimeSpan.FromSeconds(1));
        await raw.ReadUntilAsync(FrameKind.Heartbeat);
        var heartbeat = new byte[FrameCodec.HeartbeatFrameSize];
        FrameCodec.WriteHeartbeat(heartbeat, FrameKind.Heartbeat, 12345);
        await raw.SendAsync(heartbeat);
        var ack = await raw.ReadUntilAsync(FrameKind.HeartbeatAck);
        Assert.Equal(12345, System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(ack));

        // Silence for longer than the pause.
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.True(a.Transport.GetAssociation(peer.Address)!.Reachable, "4s of silence is within the 5s pause");
        time.Advance(TimeSpan.FromSeconds(2));
        var unreachable = await a.WaitForEventAsync<PeerUnreachable>(e => e.Remote == peer, "the silent peer to become unreachable");
        Assert.True(unreachable.Silence > TimeSpan.FromSeconds(5));

        await raw.SendAsync(heartbeat);
        await a.WaitForEventAsync<PeerReachable>(e => e.Remote == peer, "the peer to become reachable when frames resume");
        Assert.True(a.Transport.GetAssociation(peer.Address)!.Reachable);
    }
}
