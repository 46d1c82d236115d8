using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Cluster.Runtime.Remoting;
using Cluster.Runtime.Tests.Remoting.Support;

namespace Cluster.Runtime.Tests.Remoting;

public class RemoteTransportMessagingTests
{
    private static readonly TimeSpan Deadline = TestNode.Deadline;

    [Fact]
    public async Task Messages_flow_both_ways_over_exactly_one_connection()
    {
        await using var a = TestNode.Start();
        await using var b = TestNode.Start();

        Assert.Equal(SendOutcome.Enqueued, a.Transport.Send(b.Address, "/user/bob", "/user/alice", "greet", "hello"u8));
        await b.Handler.WaitForCountAsync(1, Deadline);
        Assert.Equal(SendOutcome.Enqueued, b.Transport.Send(a.Address, "/user/alice", "/user/bob", "greet", "hi"u8));
        await a.Handler.WaitForCountAsync(1, Deadline);

        var atB = b.Handler.Messages.Snapshot()[0];
        Assert.Equal(a.Address, atB.From);
        Assert.Equal(("/user/bob", "/user/alice", "greet", "hello"), (atB.Recipient, atB.Sender, atB.Manifest, Encoding.UTF8.GetString(atB.Payload)));
        Assert.Equal("hi", Encoding.UTF8.GetString(a.Handler.Messages.Snapshot()[0].Payload));

        var fromA = Assert.Single(a.Transport.GetAssociations());
        var fromB = Assert.Single(b.Transport.GetAssociations());
        Assert.Equal(1, fromA.ConnectionsEstablished);
        Assert.Equal(1, fromB.ConnectionsEstablished);
        Assert.True(fromA.InitiatedLocally);
        Assert.False(fromB.InitiatedLocally);
        // The same socket seen from both ends.
        Assert.Equal(fromA.LocalEndPoint, fromB.RemoteEndPoint);
        Assert.Equal(fromA.RemoteEndPoint, fromB.LocalEndPoint);
        Assert.Equal(1, a.Counters.OpenConnections);
        Assert.Equal(1, b.Counters.OpenConnections);
        Assert.Equal(1, a.Counters.ConnectionsOpened);
        Assert.Equal(0, b.Counters.ConnectionsOpened);
        Assert.Equal(fromA.RemoteUid, b.Transport.LocalAddress.Uid);
        Assert.Equal(fromB.RemoteUid, a.Transport.LocalAddress.Uid);
    }

    [Fact]
    public async Task Messages_from_one_sender_arrive_in_send_order()
    {
        await using var a = TestNode.Start();
        await using var b = TestNode.Start();
        const int count = 20_000;
        var payload = new byte[4];
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(payload, i);
            Assert.Equal(SendOutcome.Enqueued, a.Transport.Send(b.Address, "/user/seq", null, "n", payload));
        }
        await b.Handler.WaitForCountAsync(count, Deadline);

        var received = b.Handler.Messages.Snapshot().Select(m => BinaryPrimitives.ReadInt32BigEndian(m.Payload)).ToList();
        Assert.Equal(Enumerable.Range(0, count), received);
        Assert.Null(b.Handler.Messages.Snapshot()[0].Sender);
        Assert.True(a.Counters.SocketWrites < count, $"expected batching: {a.Counters.SocketWrites} socket writes for {count} messages");
    }

    [Fact]
    public async Task Simultaneous_connects_leave_one_connection_per_pair()
    {
        for (var round = 0; round < 5; round++)
        {
            await using var a = TestNode.Start();
            await using var b = TestNode.Start();
            using var start = new Barrier(2);
            var sendA = Task.Run(() => { start.SignalAndWait(); return a.Transport.Send(b.Address, "/user/x", null, "m", [1]); });
            var sendB = Task.Run(() => { start.SignalAndWait(); return b.Transport.Send(a.Address, "/user/y", null, "m", [2]); });
            Assert.Equal(SendOutcome.Enqueued, await sendA);
            Assert.Equal(SendOutcome.Enqueued, await sendB);
            await a.Handler.WaitForCountAsync(1, Deadline);
            await b.Handler.WaitForCountAsync(1, Deadline);

            await Eventually.TrueAsync(() => a.Counters.OpenConnections == 1 && b.Counters.OpenConnections == 1, Deadline,
                $"one open connection on each node (round {round}: A has {a.Counters.OpenConnections}, B has {b.Counters.OpenConnections})");
            var fromA = a.Transport.GetAssociation(b.Address)!;
            var fromB = b.Transport.GetAssociation(a.Address)!;
            Assert.Equal(AssociationState.Connected, fromA.State);
            Assert.Equal(fromA.LocalEndPoint, fromB.RemoteEndPoint);
            Assert.Equal(fromA.RemoteEndPoint, fromB.LocalEndPoint);
            Assert.NotEqual(fromA.InitiatedLocally, fromB.InitiatedLocally);

            // Traffic keeps flowing both ways on it.
            a.Transport.Send(b.Address, "/user/x", null, "m", [3]);
            b.Transport.Send(a.Address, "/user/y", null, "m", [4]);
            await a.Handler.WaitForCountAsync(2, Deadline);
            await b.Handler.WaitForCountAsync(2, Deadline);
        }
    }

    [Fact]
    public async Task System_messages_reach_the_system_handler_with_the_sender_incarnation()
    {
        await using var a = TestNode.Start();
        await using var b = TestNode.Start();
        a.Transport.SendSystem(b.Address, "/system/deathwatch", "/user/watcher", "watch", [7]);
        await b.Handler.WaitForCountAsync(1, Deadline);
        var message = b.Handler.Messages.Snapshot()[0];
        Assert.True(message.System);
        Assert.Equal(a.Transport.LocalAddress.Uid, message.Uid);
    }

    [Fact]
    public async Task Throwing_inbound_handler_is_counted_and_logged_and_the_connection_survives()
    {
        await using var a = TestNode.Start();
        await using var b = TestNode.Start();
        a.Transport.Send(b.Address, "/user/x", null, "boom", [1]);
        a.Transport.Send(b.Address, "/user/x", null, "ok", [2]);
        await b.Handler.WaitForCountAsync(1, Deadline);

        Assert.Equal("ok", b.Handler.Messages.Snapshot()[0].Manifest);
        Assert.Equal(1, b.Counters.InboundHandlerFailures);
        await b.Log.WaitForAsync("Inbound handler failed for a message to \"/user/x\"", Deadline);
        Assert.Equal(1, b.Transport.GetAssociation(a.Address)!.ConnectionsEstablished);
        Assert.Equal(1, b.Counters.OpenConnections);
    }

    [Fact]
    public async Task Injected_serializer_writes_the_payload_and_manifest()
    {
        var serializer = new StringSerializer();
        await using var a = TestNode.Start(serializer: serializer);
        await using var b = TestNode.Start();
        Assert.Equal(SendOutcome.Enqueued, a.Transport.Send(b.Address, "/user/x", null, (object)new string('z', 3000)));
        await b.Handler.WaitForCountAsync(1, Deadline);
        var message = b.Handler.Messages.Snapshot()[0];
        Assert.Equal("text.v1", message.Manifest);
        Assert.Equal(new string('z', 3000), serializer.Deserialize(message.Manifest, new ReadOnlySequence<byte>(message.Payload)));
    }

    [Fact]
    public async Task Sending_to_self_or_after_shutdown_is_refused()
    {
        var a = TestNode.Start();
        Assert.Equal(SendOutcome.RejectedSelf, a.Transport.Send(a.Address, "/user/x", null, "m", [1]));
        await a.DisposeAsync();
        Assert.Equal(SendOutcome.RejectedShutdown, a.Transport.Send(new NodeAddress("127.0.0.1", 9), "/user/x", null, "m", [1]));
    }

    private sealed class StringSerializer : IRemotePayloadSerializer
    {
        public string GetManifest(object message) => "text.v1";

        public void Serialize(object message, IBufferWriter<byte> output)
        {
            var text = (string)message;
            var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
            output.Advance(Encoding.UTF8.GetBytes(text, span));
        }

        public object Deserialize(string manifest, ReadOnlySequence<byte> payload) => Encoding.UTF8.GetString(payload);
    }
}
