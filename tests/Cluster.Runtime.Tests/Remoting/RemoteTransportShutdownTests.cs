using Cluster.Runtime.Remoting;
using Cluster.Runtime.Tests.Remoting.Support;
using Cluster.TestSupport;

namespace Cluster.Runtime.Tests.Remoting;

public class RemoteTransportShutdownTests
{
    private static readonly TimeSpan Deadline = TestNode.Deadline;

    [Fact]
    public async Task Graceful_shutdown_flushes_queued_messages_and_sends_a_close_frame()
    {
        await using var b = TestNode.Start();
        var a = TestNode.Start();
        const int count = 5_000;
        for (var i = 0; i < count; i++)
            Assert.Equal(SendOutcome.Enqueued, a.Transport.Send(b.Address, "/user/b", null, "m", new byte[50]));

        await a.Transport.ShutdownAsync().WaitAsync(Deadline);

        try { await b.Handler.WaitForCountAsync(count, Deadline); }
        catch (TimeoutException) { throw new Exception(string.Join("\n", a.Log.Lines) + "\nB:\n" + string.Join("\n", b.Log.Lines)); }
        var lost = await b.WaitForEventAsync<AssociationLost>(e => e.Remote == a.Transport.LocalAddress, "the departing node's association to close");
        Assert.True(lost.Graceful, "a close frame should mark the loss as graceful");
        Assert.Equal(0, a.Counters.DroppedUnsent);
        Assert.Equal(count, a.Counters.MessagesSent);
        Assert.Equal(0, a.Counters.OpenConnections);
        Assert.Equal(AssociationState.Idle, b.Transport.GetAssociation(a.Address)!.State);
        Assert.DoesNotContain(b.Events.Snapshot(), e => e is PeerUnreachable);
    }

    [Fact]
    public async Task Dispose_is_idempotent()
    {
        var a = TestNode.Start();
        var first = a.Transport.ShutdownAsync();
        Assert.Same(first, a.Transport.ShutdownAsync());
        await a.Transport.DisposeAsync();
        a.Transport.Dispose();
        await first;
        Assert.Throws<ObjectDisposedException>(() => a.Transport.Start());
    }

    [Fact]
    public async Task Shutdown_with_an_unreachable_peer_finishes_and_counts_what_was_not_written()
    {
        var a = TestNode.Start(s => s with { ShutdownFlushTimeout = TimeSpan.FromMilliseconds(300), ConnectTimeout = TimeSpan.FromMilliseconds(200) });
        // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): connects there never complete.
        var target = new NodeAddress("192.0.2.1", 4053);
        a.Transport.Send(target, "/user/x", null, "m", [1]);
        a.Transport.Send(target, "/user/x", null, "m", [2]);

        await a.Transport.ShutdownAsync().WaitAsync(Deadline);

        Assert.Equal(2, a.Counters.DroppedUnsent);
        Assert.Equal(AssociationState.ShutDown, a.Transport.GetAssociation(target)!.State);
    }

    [Fact]
    public async Task Forgotten_association_stops_reconnecting_and_discards_its_queue()
    {
        await using var a = TestNode.Start(s => s with { ShutdownFlushTimeout = TimeSpan.FromMilliseconds(300) });
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var target = new NodeAddress("127.0.0.1", ((System.Net.IPEndPoint)probe.LocalEndpoint).Port);
        probe.Stop();
        a.Transport.Send(target, "/user/x", null, "m", [1]);
        await a.Log.WaitForAsync("Cannot connect to", Deadline);

        await a.Transport.ForgetAsync(target).WaitAsync(Deadline);

        Assert.Null(a.Transport.GetAssociation(target));
        Assert.Equal(0, a.Transport.QueuedMessages(target));
        Assert.Equal(1, a.Counters.DroppedUnsent);
    }
}
