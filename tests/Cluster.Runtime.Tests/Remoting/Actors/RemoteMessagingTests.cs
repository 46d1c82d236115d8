using Cluster.Runtime.Kernel;
using Cluster.Runtime.Remoting;
using Cluster.Runtime.Tests.Kernel;

namespace Cluster.Runtime.Tests.Remoting.Actors;

public class RemoteMessagingTests
{
    [Fact]
    public async Task Remote_system_address_carries_host_and_port_and_local_refs_serialize_with_it()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start();
        var remoting = RemotingExtension.Get(a);
        var node = remoting.LocalNode.Address;

        Assert.Equal($"uc://uc@127.0.0.1:{node.Port}", a.Address.ToString());
        var echo = a.ActorOf(Props.Create(() => new EchoActor()), "echo");
        Assert.StartsWith($"uc://uc@127.0.0.1:{node.Port}/user/echo#", echo.Path.ToSerializationFormat());
        Assert.Same(echo, a.ResolveActorRef(echo.Path.ToSerializationFormat()));
    }

    [Fact]
    public async Task Tell_crosses_nodes_both_ways_and_the_sender_can_be_answered()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start();
        var b = nodes.Start();
        var echoOnB = b.ActorOf(Props.Create(() => new EchoActor()), "echo");
        var echoOnA = a.ActorOf(Props.Create(() => new EchoActor()), "echo");
        var probeA = new TestProbe(a);
        var probeB = new TestProbe(b);

        RemoteSystems.RemoteRef(a, echoOnB).Tell(new Ping(7), probeA.Ref);
        Assert.Equal(new Pong(7), await probeA.ExpectMsgAsync<Pong>(because: "B's echo to answer A's probe"));
        Assert.Equal(echoOnB.Path.ToSerializationFormat(), probeA.LastSender.Path.ToSerializationFormat());
        Assert.False(probeA.LastSender.Path.Address.Equals(a.Address));

        RemoteSystems.RemoteRef(b, echoOnA).Tell(new Ping(8), probeB.Ref);
        Assert.Equal(new Pong(8), await probeB.ExpectMsgAsync<Pong>(because: "A's echo to answer B's probe"));

        // The sender seen on A is usable to reach B's echo again.
        probeA.LastSender.Tell(new Ping(9), probeA.Ref);
        Assert.Equal(new Pong(9), await probeA.ExpectMsgAsync<Pong>(because: "a reply through the remote sender reference"));
        Assert.True(RemotingExtension.Get(a).Counters.MessagesSent >= 2);
        Assert.True(RemotingExtension.Get(b).Counters.MessagesReceived >= 2);
    }

    [Fact]
    public async Task Actor_ref_inside_a_message_resolves_on_the_other_node_and_receives_the_answer()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start();
        var b = nodes.Start();
        var echoOnB = b.ActorOf(Props.Create(() => new EchoActor()), "echo");
        var probeA = new TestProbe(a);

        RemoteSystems.RemoteRef(a, echoOnB).Tell(new Hello("four", probeA.Ref), ActorRefs.NoSender);

        Assert.Equal(new Pong(4), await probeA.ExpectMsgAsync<Pong>(because: "the answer to the reference inside Hello"));
    }

    [Fact]
    public async Task Messages_from_one_sender_arrive_in_order_across_nodes()
    {
        const int count = 10_000;
        await using var nodes = new RemoteSystems();
        var a = nodes.Start();
        var b = nodes.Start();
        var collector = b.ActorOf(Props.Create(() => new SequenceCollector()), "collector");
        var probeA = new TestProbe(a);
        var remoteCollector = RemoteSystems.RemoteRef(a, collector);
        var sender = a.ActorOf(Props.Create(() => new SequenceSender(remoteCollector, count)), "sender");

        sender.Tell("go", ActorRefs.NoSender);
        remoteCollector.Tell(new SeqReport(count, probeA.Ref), ActorRefs.NoSender);

        var result = await probeA.ExpectMsgAsync<SeqResult>(TimeSpan.FromSeconds(30), $"{count} sequence numbers to arrive");
        Assert.Equal(new SeqResult(count, -1), result);
    }

    [Fact]
    public async Task Unregistered_message_type_is_refused_with_a_counter_a_log_line_and_a_dead_letter()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start();
        var b = nodes.Start();
        var echoOnB = b.ActorOf(Props.Create(() => new EchoActor()), "echo");
        var deadLetters = new TestProbe(a);
        a.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));

        RemoteSystems.RemoteRef(a, echoOnB).Tell(new NotRegistered("x"), ActorRefs.NoSender);

        var dead = await deadLetters.ExpectMsgAsync<DeadLetter>(because: "the unsendable message to become a dead letter");
        Assert.IsType<NotRegistered>(dead.Message);
        Assert.Equal(1, RemotingExtension.Get(a).Counters.UnregisteredMessageTypes);
        var line = Assert.Single(nodes.Logs(a).Matching("has no manifest"));
        Assert.Contains(typeof(NotRegistered).FullName!, line.RenderMessage());
        Assert.Equal(0, RemotingExtension.Get(a).Counters.MessagesSent);
    }

    [Fact]
    public async Task Message_for_a_path_where_nothing_lives_becomes_a_dead_letter_on_the_receiving_node()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start();
        var b = nodes.Start();
        var deadOnB = new TestProbe(b);
        b.EventStream.Subscribe(deadOnB.Ref, typeof(DeadLetter));

        a.ResolveActorRef($"{b.Address}/user/missing").Tell(new Ping(1), ActorRefs.NoSender);

        var dead = await deadOnB.ExpectMsgAsync<DeadLetter>(because: "B to dead-letter a message to a missing actor");
        Assert.Equal(new Ping(1), dead.Message);
        Assert.Equal("/user/missing", dead.Recipient.Path.ToStringWithoutAddress());
        Assert.Equal(1, RemotingExtension.Get(b).Counters.UnknownRecipients);
        Assert.NotEmpty(nodes.Logs(b).Matching("was not delivered"));
    }

    [Fact]
    public async Task Message_to_a_previous_incarnation_uid_is_not_delivered_to_the_new_actor()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start();
        var b = nodes.Start();
        var probeA = new TestProbe(a);
        var first = b.ActorOf(Props.Create(() => new EchoActor()), "echo");
        var staleRef = RemoteSystems.RemoteRef(a, first);
        var watcher = new TestProbe(b);
        b.ActorOf(Props.Create(() => new RemoteWatcherActor(first, watcher.Ref)));
        b.Stop(first);
        await watcher.ExpectMsgAsync<Terminated>(because: "the first echo to stop");
        b.ActorOf(Props.Create(() => new EchoActor()), "echo");
        var deadOnB = new TestProbe(b);
        b.EventStream.Subscribe(deadOnB.Ref, typeof(DeadLetter));

        staleRef.Tell(new Ping(1), probeA.Ref);

        var dead = await deadOnB.ExpectMsgAsync<DeadLetter>(because: "the uid of the stale reference not to match the new echo");
        Assert.Equal(new Ping(1), dead.Message);
        Assert.True(probeA.IsEmpty);
    }

    [Fact]
    public async Task Built_in_messages_keep_their_fields_across_nodes()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start();
        var b = nodes.Start();
        var probeB = new TestProbe(b);
        var remoteProbe = RemoteSystems.RemoteRef(a, probeB.Ref);
        var someRef = a.ActorOf(Props.Create(() => new EchoActor()), "subject");

        remoteProbe.Tell(new Status.Success(42), ActorRefs.NoSender);
        remoteProbe.Tell(new Status.Failure(new TimeoutException("too slow")), ActorRefs.NoSender);
        remoteProbe.Tell(new Terminated(someRef, true, false), ActorRefs.NoSender);
        remoteProbe.Tell(new ActorIdentity("id-1", someRef), ActorRefs.NoSender);
        remoteProbe.Tell(new ActorIdentity(Guid.Empty, null), ActorRefs.NoSender);

        Assert.Equal(new Status.Success(42), await probeB.ExpectMsgAsync<Status.Success>());
        var failure = await probeB.ExpectMsgAsync<Status.Failure>();
        var cause = Assert.IsType<RemoteFailureException>(failure.Cause);
        Assert.Equal((typeof(TimeoutException).FullName, "too slow"), (cause.OriginalType, cause.Message));
        var terminated = await probeB.ExpectMsgAsync<Terminated>();
        Assert.Equal(someRef.Path.ToSerializationFormat(), terminated.ActorRef.Path.ToSerializationFormat());
        Assert.True(terminated.ExistenceConfirmed);
        var identity = await probeB.ExpectMsgAsync<ActorIdentity>();
        Assert.Equal("id-1", identity.MessageId);
        Assert.Equal(someRef.Path.ToSerializationFormat(), identity.Subject!.Path.ToSerializationFormat());
        Assert.Equal(new ActorIdentity(Guid.Empty, null), await probeB.ExpectMsgAsync<ActorIdentity>());
    }
}
