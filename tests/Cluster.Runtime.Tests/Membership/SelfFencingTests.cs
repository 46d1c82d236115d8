using Cluster.Runtime.Membership;
using Cluster.TestSupport;
using Npgsql;

namespace Cluster.Runtime.Tests.Membership;

[Collection(PostgresServer.Collection)]
public sealed class SelfFencingTests(PostgresServer server)
{
    private static string Through(TcpProxy proxy, PostgresServer server) =>
        new NpgsqlConnectionStringBuilder(server.ConnectionString) { Port = proxy.Port }.ToString();

    [Fact]
    public async Task Node_cut_off_from_the_database_fences_itself_before_it_is_downed_and_rejoins_with_a_new_uid()
    {
        await using var cluster = new MembershipTestCluster(server);
        await using var proxy = new TcpProxy(server.Port);
        var a = await cluster.JoinNodeAsync("a");
        await a.WaitUpAsync(a.Self);
        var b = await cluster.JoinNodeAsync("b", connectionString: Through(proxy, server));
        await b.WaitUpAsync(b.Self);
        var oldB = b.Self;
        Assert.NotNull(await b.Membership.Leases.TryAcquireAsync("user", "1", oldB));
        Assert.True(b.Membership.Leases.HoldsLease("user", "1"));

        var cutAt = DateTime.UtcNow;
        await proxy.CutAsync();

        var (fenced, fencedAt) = await b.Events.WaitForAsync<SelfFenced>(expected: "SelfFenced on the cut-off node");
        // Heartbeats and lease renewals both fail at the cut; lease renewals run less often, so either may time out first.
        Assert.Contains(fenced.Reason, new[] { SelfFenceReason.HeartbeatTimeout, SelfFenceReason.LeaseRenewalTimeout });
        Assert.Equal(oldB, fenced.Self);
        Assert.True(fenced.SinceLastRenewal > cluster.Settings.SelfFenceTimeout);
        Assert.False(b.Membership.Leases.HoldsLease("user", "1"), "a fenced node holds no lease");
        Assert.True(b.Membership.IsFenced);
        Assert.Null(await b.Membership.Leases.TryAcquireAsync("user", "2", oldB));

        var (downed, downedAt) = await a.Events.WaitForAsync<MemberDowned>(e => e.Member.UniqueAddress == oldB, expected: "MemberDowned(b) on a");
        Assert.True(fencedAt < downedAt,
            $"b fenced {(fencedAt - cutAt).TotalMilliseconds:0} ms after the cut but was downed after {(downedAt - cutAt).TotalMilliseconds:0} ms: fencing must come first");
        // The lease of the Down owner is free for a at once, with a higher epoch.
        var taken = await a.Membership.Leases.TryAcquireAsync("user", "1", a.Self);
        Assert.NotNull(taken);
        Assert.Equal(2, taken.Epoch);

        proxy.Restore();
        var (rejoined, _) = await b.Events.WaitForAsync<SelfRejoined>(expected: "SelfRejoined once the database is back");
        Assert.Equal(oldB, rejoined.Previous);
        Assert.NotEqual(oldB.Uid, rejoined.Current.Uid);
        await a.WaitUpAsync(rejoined.Current);
        Assert.False(b.Membership.IsFenced);
        Assert.Equal(rejoined.Current, b.Self);
        Assert.Contains(await cluster.StatusInDatabaseAsync(oldB), new[] { "down", "removed", "(no row)" });
    }

    [Fact]
    public async Task Node_cut_off_before_it_was_downed_marks_its_old_incarnation_Down_when_it_rejoins()
    {
        // down-after is long here, so the node is back before anyone downed it: it must still not resume the old identity.
        await using var cluster = new MembershipTestCluster(server, s => s with { DownAfter = TimeSpan.FromSeconds(30), UnreachableAfter = TimeSpan.FromSeconds(20) });
        await using var proxy = new TcpProxy(server.Port);
        var a = await cluster.JoinNodeAsync("a");
        await a.WaitUpAsync(a.Self);
        var b = await cluster.JoinNodeAsync("b", connectionString: Through(proxy, server));
        await a.WaitUpAsync(b.Self);
        var oldB = b.Self;

        await proxy.CutAsync();
        await b.Events.WaitForAsync<SelfFenced>();
        proxy.Restore();
        var (rejoined, _) = await b.Events.WaitForAsync<SelfRejoined>();

        await a.Events.WaitForAsync<MemberDowned>(e => e.Member.UniqueAddress == oldB, expected: "the old incarnation Down, set by the node itself");
        await a.WaitUpAsync(rejoined.Current);
        Assert.Equal("down", await cluster.StatusInDatabaseAsync(oldB));
    }

    [Fact]
    public async Task Without_auto_rejoin_a_fenced_node_stays_out()
    {
        await using var cluster = new MembershipTestCluster(server, s => s with { AutoRejoin = false });
        await using var proxy = new TcpProxy(server.Port);
        var a = await cluster.JoinNodeAsync("a");
        await a.WaitUpAsync(a.Self);
        var b = await cluster.JoinNodeAsync("b", connectionString: Through(proxy, server));
        await a.WaitUpAsync(b.Self);
        var oldB = b.Self;

        await proxy.CutAsync();
        await b.Events.WaitForAsync<SelfFenced>();
        proxy.Restore();
        // a downs and removes b; b, still fenced, never comes back.
        await a.Events.WaitForAsync<MemberRemoved>(e => e.Member.UniqueAddress == oldB);
        Assert.True(b.Membership.IsFenced);
        Assert.Equal(oldB, b.Self);
        Assert.DoesNotContain(a.Membership.State.Members, m => m.Address == oldB.Address);
    }
}
