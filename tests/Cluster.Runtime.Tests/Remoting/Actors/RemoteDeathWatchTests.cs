using Cluster.Runtime.Kernel;
using Cluster.Runtime.Remoting;
using Cluster.Runtime.Tests.Kernel;

namespace Cluster.Runtime.Tests.Remoting.Actors;

public class RemoteDeathWatchTests
{
    /// <summary>Starts a watcher of <paramref name="subject"/> on <paramref name="system"/> and waits until its watch is in place.</summary>
    private static async Task<TestProbe> WatchAsync(ActorSystem system, IActorRef subject)
    {
        var probe = new TestProbe(system);
        var watcher = system.ActorOf(Props.Create(() => new RemoteWatcherActor(subject, probe.Ref)));
        Assert.Equal("watching", await watcher.Ask<string>("watching?", TimeSpan.FromSeconds(10)));
        return probe;
    }

    /// <summary>Waits until <paramref name="owner"/>'s actors are watched from another node <paramref name="count"/> times.</summary>
    private static Task InboundWatches(ActorSystem owner, int count) =>
        RemoteSystems.AwaitCondition(() => RemotingExtension.Get(owner).RemoteWatchCount.Inbound == count, $"{count} remote watches to reach {owner.Address}");

    [Fact]
    public async Task Watcher_of_a_remote_actor_that_stops_gets_terminated_with_existence_confirmed()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start();
        var b = nodes.Start();
        var echo = b.ActorOf(Props.Create(() => new EchoActor()), "echo");
        var remoteEcho = RemoteSystems.RemoteRef(a, echo);
        var probe = await WatchAsync(a, remoteEcho);
        await InboundWatches(b, 1);

        b.Stop(echo);

        var terminated = await probe.ExpectMsgAsync<Terminated>(because: "the remote echo to stop");
        Assert.Equal(remoteEcho, terminated.ActorRef);
        Assert.True(terminated.ExistenceConfirmed);
        Assert.False(terminated.AddressTerminated);
        await RemoteSystems.AwaitCondition(() => RemotingExtension.Get(a).RemoteWatchCount == (0, 0), "A to forget the ended watch");
        await InboundWatches(b, 0);
    }

    [Fact]
    public async Task Watch_through_a_path_without_uid_is_ended_by_the_poison_pill_sent_across_nodes()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start();
        var b = nodes.Start();
        b.ActorOf(Props.Create(() => new EchoActor()), "echo");
        var byPath = a.ResolveActorRef($"{b.Address}/user/echo");
        var probe = await WatchAsync(a, byPath);
        await InboundWatches(b, 1);

        byPath.Tell(PoisonPill.Instance, ActorRefs.NoSender);

        var terminated = await probe.ExpectMsgAsync<Terminated>(because: "the poison pill to stop the remote echo");
        Assert.Equal(byPath, terminated.ActorRef);
        Assert.False(terminated.AddressTerminated);
    }

    [Fact]
    public async Task Watch_of_a_remote_path_where_nothing_lives_is_answered_with_terminated()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start();
        var b = nodes.Start();
        var missing = a.ResolveActorRef($"{b.Address}/user/missing");

        var probe = new TestProbe(a);
        a.ActorOf(Props.Create(() => new RemoteWatcherActor(missing, probe.Ref)));

        var terminated = await probe.ExpectMsgAsync<Terminated>(because: "B to answer the watch of a missing actor");
        Assert.Equal(missing, terminated.ActorRef);
        Assert.False(terminated.ExistenceConfirmed);
        Assert.False(terminated.AddressTerminated);
    }

    [Fact]
    public async Task Watchers_hear_of_remote_actors_stopped_by_a_graceful_system_termination()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start();
        var b = nodes.Start();
        var echo = RemoteSystems.RemoteRef(a, b.ActorOf(Props.Create(() => new EchoActor()), "echo"));
        var probe = await WatchAsync(a, echo);
        await InboundWatches(b, 1);

        await RemoteSystems.Within(b.Terminate().ContinueWith(_ => true), "B to terminate");

        var terminated = await probe.ExpectMsgAsync<Terminated>(because: "B's echo to report its stop before B's transport closed");
        Assert.Equal(echo, terminated.ActorRef);
        Assert.True(terminated.ExistenceConfirmed);
    }

    [Fact]
    public async Task Crashed_node_that_does_not_come_back_terminates_every_watch_of_its_actors()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start(s => s with { AddressTerminatedAfter = TimeSpan.FromMilliseconds(500) });
        var b = nodes.Start();
        var first = RemoteSystems.RemoteRef(a, b.ActorOf(Props.Create(() => new EchoActor()), "first"));
        var second = RemoteSystems.RemoteRef(a, b.ActorOf(Props.Create(() => new EchoActor()), "second"));
        var events = new TestProbe(a);
        a.EventStream.Subscribe<AddressTerminated>(events.Ref);
        var watchFirst = await WatchAsync(a, first);
        var watchSecond = await WatchAsync(a, second);
        var watchFirstAgain = await WatchAsync(a, first);
        await InboundWatches(b, 3);

        await RemotingExtension.Get(b).Transport.AbortAsync();

        foreach (var (probe, subject) in new[] { (watchFirst, first), (watchSecond, second), (watchFirstAgain, first) })
        {
            var terminated = await probe.ExpectMsgAsync<Terminated>(because: "the crashed node's actors to be reported terminated");
            Assert.Equal(subject, terminated.ActorRef);
            Assert.True(terminated.AddressTerminated);
        }
        var published = await events.ExpectMsgAsync<AddressTerminated>(because: "the address termination to be published");
        Assert.Equal(b.Address, published.Address);
        Assert.Contains("did not come back", published.Reason);
        Assert.Equal(1, RemotingExtension.Get(a).Counters.AddressesTerminated);
        Assert.Equal(3, RemotingExtension.Get(a).Counters.RemoteWatchesTerminated);
        Assert.Equal((0, 0), RemotingExtension.Get(a).RemoteWatchCount);
    }

    [Fact]
    public async Task Membership_notification_terminates_watches_and_later_watches_of_that_node_at_once()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start(s => s with { AddressTerminatedAfter = TimeSpan.FromMinutes(5) });
        var b = nodes.Start();
        var c = nodes.Start();
        var echo = RemoteSystems.RemoteRef(a, b.ActorOf(Props.Create(() => new EchoActor()), "echo"));
        var onC = RemoteSystems.RemoteRef(a, c.ActorOf(Props.Create(() => new EchoActor()), "echo"));
        var probe = await WatchAsync(a, echo);
        var probeC = await WatchAsync(a, onC);
        await InboundWatches(b, 1);

        RemotingExtension.Get(a).NotifyAddressTerminated(b.Address, "member b is Down");

        var terminated = await probe.ExpectMsgAsync<Terminated>(because: "membership to declare B down");
        Assert.True(terminated.AddressTerminated);
        Assert.True(RemotingExtension.Get(a).IsAddressTerminated(b.Address));
        var late = await WatchAsync(a, echo);
        Assert.True((await late.ExpectMsgAsync<Terminated>(because: "a watch of a terminated node to end at once")).AddressTerminated);

        // Only B was declared gone: the watch of C's actor is still in place.
        Assert.Equal(1, RemotingExtension.Get(a).RemoteWatchCount.Outbound);
        Assert.True(probeC.IsEmpty);
    }

    [Fact]
    public async Task Address_termination_makes_local_actors_forget_watchers_on_that_node()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start();
        var b = nodes.Start();
        var echo = RemoteSystems.RemoteRef(a, b.ActorOf(Props.Create(() => new EchoActor()), "echo"));
        await WatchAsync(a, echo);
        await InboundWatches(b, 1);

        RemotingExtension.Get(b).NotifyAddressTerminated(a.Address);

        await InboundWatches(b, 0);
    }

    [Fact]
    public async Task Restarted_node_is_a_new_incarnation_and_watchers_of_the_old_one_are_notified()
    {
        await using var nodes = new RemoteSystems();
        var a = nodes.Start(s => s with { AddressTerminatedAfter = TimeSpan.FromMinutes(5) });
        var b1 = nodes.Start();
        var port = RemotingExtension.Get(b1).LocalNode.Address.Port;
        var oldEcho = RemoteSystems.RemoteRef(a, b1.ActorOf(Props.Create(() => new EchoActor()), "echo"));
        var probe = await WatchAsync(a, oldEcho);
        await InboundWatches(b1, 1);

        await RemotingExtension.Get(b1).Transport.AbortAsync();
        await RemoteSystems.AwaitCondition(() => RemotingExtension.Get(a).Transport.GetAssociation(RemotingExtension.Get(b1).LocalNode.Address)?.State != AssociationState.Connected,
            "A to notice the crash");
        var b2 = nodes.Start(port: port);
        b2.ActorOf(Props.Create(() => new EchoActor()), "echo");

        var terminated = await probe.ExpectMsgAsync<Terminated>(because: "the restart to end the watch of the old incarnation");
        Assert.True(terminated.AddressTerminated);
        Assert.Equal(oldEcho, terminated.ActorRef);

        // The new incarnation's actors can be watched and reached.
        var newEcho = await a.ActorSelection($"{b2.Address}/user/echo").ResolveOne(TimeSpan.FromSeconds(10));
        Assert.NotEqual(oldEcho, newEcho);
        Assert.False(RemotingExtension.Get(a).IsAddressTerminated(b2.Address));
        var newProbe = await WatchAsync(a, newEcho);
        await InboundWatches(b2, 1);
        b2.Stop(b2.ResolveActorRef(newEcho.Path.ToSerializationFormat()));
        Assert.False((await newProbe.ExpectMsgAsync<Terminated>(because: "the new incarnation's echo to stop")).AddressTerminated);
    }
}
