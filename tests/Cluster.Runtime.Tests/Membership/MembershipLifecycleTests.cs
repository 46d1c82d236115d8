using Cluster.Runtime.Kernel;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Tests.Kernel;
using Cluster.TestSupport;

namespace Cluster.Runtime.Tests.Membership;

[Collection(PostgresServer.Collection)]
public sealed class MembershipLifecycleTests(PostgresServer server)
{
    [Fact]
    public async Task First_node_promotes_itself_and_later_joiners_to_Up()
    {
        await using var cluster = new MembershipTestCluster(server);
        var a = await cluster.JoinNodeAsync("a", ["backend", "sip"]);
        await a.WaitUpAsync(a.Self);
        var b = await cluster.JoinNodeAsync("b");
        await a.WaitUpAsync(b.Self);
        await b.WaitUpAsync(b.Self);

        var members = a.Membership.State.Members;
        Assert.Equal([a.Self, b.Self], members.Select(m => m.UniqueAddress));
        Assert.All(members, m => Assert.Equal(MemberStatus.Up, m.Status));
        Assert.Equal(["backend", "sip"], members[0].Roles);
        Assert.Equal("1.2.3", members[0].AppVersion);
        Assert.True(members[0].UpNumber < members[1].UpNumber, "the first node must have the lower up number");
        Assert.Equal("up", await cluster.StatusInDatabaseAsync(b.Self));
    }

    [Fact]
    public async Task Leader_is_the_oldest_up_member_and_passes_to_the_next_oldest_when_it_leaves()
    {
        await using var cluster = new MembershipTestCluster(server);
        var a = await cluster.JoinNodeAsync("a");
        await a.WaitUpAsync(a.Self);
        var b = await cluster.JoinNodeAsync("b");
        await b.WaitUpAsync(b.Self);
        var c = await cluster.JoinNodeAsync("c");
        await c.WaitUpAsync(c.Self);

        await c.Events.WaitForAsync<LeaderChanged>(e => e.Leader == a.Self, expected: "LeaderChanged to the oldest node a");
        Assert.Equal(a.Self, b.Membership.Leader);

        await a.Membership.LeaveAsync();
        await a.Membership.WhenRemoved.WaitAsync(TimeSpan.FromSeconds(20));
        await c.Events.WaitForAsync<LeaderChanged>(e => e.Leader == b.Self, expected: "LeaderChanged to b, the oldest remaining");
    }

    [Fact]
    public async Task Graceful_leave_goes_through_Leaving_Exiting_Removed_in_order()
    {
        await using var cluster = new MembershipTestCluster(server);
        var a = await cluster.JoinNodeAsync("a");
        await a.WaitUpAsync(a.Self);
        var b = await cluster.JoinNodeAsync("b");
        await a.WaitUpAsync(b.Self);
        await b.WaitUpAsync(b.Self);

        Assert.True(await b.Membership.LeaveAsync());
        await b.Membership.WhenRemoved.WaitAsync(TimeSpan.FromSeconds(20));
        await a.Events.WaitForAsync<MemberRemoved>(e => e.Member.UniqueAddress == b.Self, expected: "MemberRemoved(b) on a");

        foreach (var observer in new[] { a, b })
        {
            var aboutB = observer.Events.Events.OfType<MemberStatusChange>().Where(e => e.Member.UniqueAddress == b.Self)
                .Select(e => e.GetType().Name).ToList();
            Assert.Equal(["MemberJoined", "MemberUp", "MemberLeft", "MemberExited", "MemberRemoved"], aboutB);
        }
        var removed = a.Events.Events.OfType<MemberRemoved>().Single(e => e.Member.UniqueAddress == b.Self);
        Assert.Equal(MemberStatus.Exiting, removed.PreviousStatus);
        Assert.False(b.Membership.IsFenced, "a node that left gracefully is not fenced");
        Assert.Equal("removed", await cluster.StatusInDatabaseAsync(b.Self));
    }

    [Fact]
    public async Task Leaving_member_holding_a_lease_stays_Leaving_until_it_releases_it()
    {
        await using var cluster = new MembershipTestCluster(server);
        var a = await cluster.JoinNodeAsync("a");
        await a.WaitUpAsync(a.Self);
        var b = await cluster.JoinNodeAsync("b");
        await a.WaitUpAsync(b.Self);
        Assert.NotNull(await b.Membership.Leases.TryAcquireAsync("user", "7", b.Self));

        await b.Membership.LeaveAsync();
        await a.Events.WaitForAsync<MemberLeft>(e => e.Member.UniqueAddress == b.Self);
        // Leader rounds run every 200 ms; wait until b has renewed its lease three times (>= 900 ms of rounds).
        var first = (await b.Membership.Leases.ListLeasesAsync("user")).Single().ExpiresAt;
        var renewals = 0;
        var last = first;
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            while (renewals < 3)
            {
                var now = (await b.Membership.Leases.ListLeasesAsync("user", deadline.Token)).Single().ExpiresAt;
                if (now > last)
                {
                    renewals++;
                    last = now;
                }
                else
                {
                    await Task.Delay(20, deadline.Token); // polling interval of the deadline-bounded wait
                }
            }
        }
        Assert.Equal("leaving", await cluster.StatusInDatabaseAsync(b.Self));

        Assert.Equal(1, await b.Membership.Leases.ReleaseAllAsync(b.Self));
        await b.Membership.WhenRemoved.WaitAsync(TimeSpan.FromSeconds(20));
        await a.Events.WaitForAsync<MemberExited>(e => e.Member.UniqueAddress == b.Self);
    }

    [Fact]
    public async Task Member_that_stops_heartbeating_is_marked_Down_by_another_node_then_Removed()
    {
        await using var cluster = new MembershipTestCluster(server);
        var a = await cluster.JoinNodeAsync("a");
        await a.WaitUpAsync(a.Self);
        var b = await cluster.JoinNodeAsync("b");
        await a.WaitUpAsync(b.Self);
        var bSelf = b.Self;

        var stoppedAt = DateTime.UtcNow;
        await b.DisposeAsync(); // crash: no leave, the heartbeat just stops

        var (unreachable, unreachableAt) = await a.Events.WaitForAsync<UnreachableMember>(e => e.Member.UniqueAddress == bSelf);
        var (downed, downedAt) = await a.Events.WaitForAsync<MemberDowned>(e => e.Member.UniqueAddress == bSelf);
        var (removed, _) = await a.Events.WaitForAsync<MemberRemoved>(e => e.Member.UniqueAddress == bSelf);
        Assert.True(unreachableAt <= downedAt, "unreachable is reported before the member is downed");
        Assert.True(downedAt - stoppedAt >= cluster.Settings.DownAfter - cluster.Settings.HeartbeatInterval,
            $"downed after {(downedAt - stoppedAt).TotalMilliseconds} ms, expected no earlier than down-after ({cluster.Settings.DownAfter.TotalMilliseconds} ms) minus one heartbeat");
        Assert.Equal(MemberStatus.Down, removed.PreviousStatus);
        Assert.Equal(MemberStatus.Down, downed.Member.Status);
        Assert.Equal(bSelf, unreachable.Member.UniqueAddress);
        Assert.DoesNotContain(a.Membership.State.Members, m => m.UniqueAddress == bSelf);
    }

    [Fact]
    public async Task Subscriber_receives_the_current_state_first_then_events_in_order()
    {
        await using var cluster = new MembershipTestCluster(server);
        var a = await cluster.JoinNodeAsync("a");
        await a.WaitUpAsync(a.Self);

        var received = new List<IClusterDomainEvent>();
        var bUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var b = cluster.CreateNode("b");
        using var subscription = a.Membership.Subscribe(e =>
        {
            lock (received) received.Add(e);
            if (e is MemberUp up && up.Member.UniqueAddress == b.Self) bUp.TrySetResult();
        });
        await b.Membership.JoinAsync();
        await bUp.Task.WaitAsync(TimeSpan.FromSeconds(20));

        List<IClusterDomainEvent> copy;
        lock (received) copy = [.. received];
        var snapshot = Assert.IsType<CurrentClusterState>(copy[0]);
        Assert.Equal(a.Self, snapshot.Leader);
        Assert.Equal([a.Self], snapshot.Members.Select(m => m.UniqueAddress));
        Assert.Equal(a.Self, snapshot.Self?.UniqueAddress);
        var aboutB = copy.OfType<MemberStatusChange>().Where(e => e.Member.UniqueAddress == b.Self).Select(e => e.GetType().Name).ToList();
        Assert.Equal(["MemberJoined", "MemberUp"], aboutB);
    }

    [Fact]
    public async Task Membership_events_are_published_on_the_actor_system_event_stream()
    {
        await using var cluster = new MembershipTestCluster(server);
        var a = cluster.CreateNode("a");
        var probe = new TestProbe(a.System);
        a.Membership.Subscribe(probe.Ref);
        var initial = await probe.ExpectMsgAsync<CurrentClusterState>();
        Assert.Empty(initial.Members);

        await a.Membership.JoinAsync();
        var joined = await probe.FishForMessageAsync<MemberJoined>(_ => true, because: "the node's own join");
        Assert.Equal(a.Self, joined.Member.UniqueAddress);
        await probe.FishForMessageAsync<MemberUp>(e => e.Member.UniqueAddress == a.Self, because: "the first node promotes itself");
    }

    [Fact]
    public async Task Operator_down_of_a_live_node_makes_it_fence_itself_and_rejoin_as_a_new_incarnation()
    {
        await using var cluster = new MembershipTestCluster(server);
        var a = await cluster.JoinNodeAsync("a");
        await a.WaitUpAsync(a.Self);
        var b = await cluster.JoinNodeAsync("b");
        await b.WaitUpAsync(b.Self);
        var oldB = b.Self;

        Assert.True(await a.Membership.DownAsync(oldB.Address));
        var (fenced, _) = await b.Events.WaitForAsync<SelfFenced>();
        Assert.Equal(SelfFenceReason.Downed, fenced.Reason);
        Assert.Equal(oldB, fenced.Self);
        var (rejoined, _) = await b.Events.WaitForAsync<SelfRejoined>();
        Assert.Equal(oldB, rejoined.Previous);
        Assert.NotEqual(oldB.Uid, rejoined.Current.Uid);
        Assert.Equal(oldB.Address, rejoined.Current.Address);
        await a.WaitUpAsync(rejoined.Current);
        Assert.False(await a.Membership.DownAsync(new Cluster.Runtime.Remoting.NodeAddress("127.0.0.1", 1)), "no member at that address");
    }
}
