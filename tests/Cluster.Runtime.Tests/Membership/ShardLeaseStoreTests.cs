using Cluster.Runtime.Membership;
using Cluster.Runtime.Remoting;
using Cluster.Runtime.Tests.Kernel;
using Cluster.TestSupport;
using Npgsql;

namespace Cluster.Runtime.Tests.Membership;

[Collection(PostgresServer.Collection)]
public sealed class ShardLeaseStoreTests(PostgresServer server)
{
    private static async Task<(MembershipTestCluster Cluster, TestNode A, TestNode B)> TwoNodesAsync(PostgresServer server)
    {
        var cluster = new MembershipTestCluster(server);
        var a = await cluster.JoinNodeAsync("a");
        await a.WaitUpAsync(a.Self);
        var b = await cluster.JoinNodeAsync("b");
        await a.WaitUpAsync(b.Self);
        return (cluster, a, b);
    }

    [Fact]
    public async Task Free_lease_is_acquired_at_epoch_1_and_reacquiring_it_keeps_the_epoch()
    {
        var (cluster, a, _) = await TwoNodesAsync(server);
        await using var _c = cluster;
        var first = await a.Membership.Leases.TryAcquireAsync("user", "3", a.Self);
        var again = await a.Membership.Leases.TryAcquireAsync("user", "3", a.Self);
        Assert.NotNull(first);
        Assert.NotNull(again);
        Assert.Equal(1, first.Epoch);
        Assert.Equal(1, again.Epoch);
        Assert.True(again.ExpiresAt >= first.ExpiresAt);
        Assert.True(a.Membership.Leases.HoldsLease("user", "3"));
        Assert.Equal(1, a.Membership.Leases.HeldEpoch("user", "3"));
        var listed = Assert.Single(await a.Membership.Leases.ListLeasesAsync("user"));
        Assert.Equal(a.Self, listed.Owner);
    }

    [Fact]
    public async Task Lease_of_a_live_owner_cannot_be_taken_until_released_and_the_next_owner_gets_a_higher_epoch()
    {
        var (cluster, a, b) = await TwoNodesAsync(server);
        await using var _c = cluster;
        Assert.NotNull(await a.Membership.Leases.TryAcquireAsync("user", "3", a.Self));
        Assert.Null(await b.Membership.Leases.TryAcquireAsync("user", "3", b.Self));
        Assert.False(b.Membership.Leases.HoldsLease("user", "3"));

        Assert.True(await a.Membership.Leases.ReleaseAsync("user", "3", a.Self));
        Assert.False(a.Membership.Leases.HoldsLease("user", "3"));
        Assert.False(await a.Membership.Leases.ReleaseAsync("user", "3", a.Self), "releasing twice finds nothing held");
        var taken = await b.Membership.Leases.TryAcquireAsync("user", "3", b.Self);
        Assert.NotNull(taken);
        Assert.Equal(2, taken.Epoch);
        var back = await a.Membership.Leases.TryAcquireAsync("user", "3", a.Self);
        Assert.Null(back);
    }

    [Fact]
    public async Task Expired_lease_is_taken_over_with_an_incremented_epoch()
    {
        var (cluster, a, b) = await TwoNodesAsync(server);
        await using var _c = cluster;
        // A lease owned by a's address under a uid that never renews (no membership loop behind it) but is a live
        // member row: only expiry by the database clock can free it.
        var ghost = new UniqueAddress(a.Self.Address, a.Self.Uid);
        var store = new ShardLeaseStore(cluster.TestDataSource(), cluster.Settings);
        await a.Membership.DisposeAsync(); // a's loops stop; its row stays live until down-after
        var held = await store.TryAcquireAsync("call", "9", ghost);
        Assert.NotNull(held);
        Assert.Null(await b.Membership.Leases.TryAcquireAsync("call", "9", b.Self));

        ShardLease? taken = null;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (taken is null)
        {
            deadline.Token.ThrowIfCancellationRequested();
            taken = await b.Membership.Leases.TryAcquireAsync("call", "9", b.Self, deadline.Token);
            if (taken is null) await Task.Delay(20, deadline.Token); // polling interval of the deadline-bounded wait
        }
        Assert.Equal(held.Epoch + 1, taken.Epoch);
        Assert.True(taken.AcquiredAt >= held.ExpiresAt, "taken over only once expired by the database clock");
    }

    [Fact]
    public async Task Lease_of_a_Down_owner_is_free_at_once()
    {
        var (cluster, a, b) = await TwoNodesAsync(server);
        await using var _c = cluster;
        Assert.NotNull(await b.Membership.Leases.TryAcquireAsync("user", "1", b.Self));
        Assert.NotNull(await b.Membership.Leases.TryAcquireAsync("user", "2", b.Self));
        var bSelf = b.Self;
        await b.Membership.DisposeAsync();
        Assert.True(await a.Membership.DownAsync(bSelf.Address));

        var one = await a.Membership.Leases.TryAcquireAsync("user", "1", a.Self);
        Assert.NotNull(one);
        Assert.Equal(2, one.Epoch);
        Assert.Equal(a.Self, one.Owner);
    }

    [Fact]
    public async Task RenewAll_extends_every_lease_of_the_owner_in_one_statement_and_forgets_lost_ones()
    {
        var (cluster, a, b) = await TwoNodesAsync(server);
        await using var _c = cluster;
        var leases = a.Membership.Leases;
        foreach (var shard in new[] { "1", "2", "3" }) Assert.NotNull(await leases.TryAcquireAsync("user", shard, a.Self));
        Assert.NotNull(await b.Membership.Leases.TryAcquireAsync("user", "4", b.Self));
        var before = (await leases.ListLeasesAsync("user")).Where(l => l.Owner == a.Self).ToDictionary(l => l.ShardId, l => l.ExpiresAt);

        Assert.Equal(3, await leases.RenewAllAsync(a.Self));
        var after = (await leases.ListLeasesAsync("user")).Where(l => l.Owner == a.Self).ToDictionary(l => l.ShardId, l => l.ExpiresAt);
        Assert.All(before, kv => Assert.True(after[kv.Key] >= kv.Value, $"shard {kv.Key} must not expire earlier after renewal"));

        // Shard 3 is released behind the store's back (as if taken over): the next renewal forgets it locally.
        await using (var cmd = cluster.TestDataSource().CreateCommand($"UPDATE \"{cluster.Settings.Schema}\".shard_lease SET expires_at = now() WHERE shard_id = '3'"))
            await cmd.ExecuteNonQueryAsync();
        Assert.Equal(2, await leases.RenewAllAsync(a.Self));
        Assert.False(leases.HoldsLease("user", "3"));
        Assert.True(leases.HoldsLease("user", "1"));
        Assert.Equal(1, await leases.ReleaseAllAsync(b.Self));
        Assert.NotNull(await leases.TryAcquireAsync("user", "4", a.Self));
    }

    [Fact]
    public async Task HoldsLease_turns_false_after_ttl_minus_safety_margin_when_renewals_fail()
    {
        await using var cluster = new MembershipTestCluster(server);
        var a = await cluster.JoinNodeAsync("a");
        await a.WaitUpAsync(a.Self);
        await using var proxy = new TcpProxy(server.Port);
        var clock = new ManualTimeProvider();
        await using var dataSource = ClusterMembership.CreateDataSource(cluster.Settings with
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Port = proxy.Port }.ToString(),
        });
        var store = new ShardLeaseStore(dataSource, cluster.Settings, clock);
        var failures = 0;
        store.RenewalObserved = (_, error) => { if (error is not null) failures++; };
        Assert.NotNull(await store.TryAcquireAsync("user", "5", a.Self));

        await proxy.CutAsync();
        var valid = cluster.Settings.LeaseTtl - cluster.Settings.LeaseSafetyMargin;
        clock.Advance(cluster.Settings.LeaseRenewInterval);
        await Assert.ThrowsAnyAsync<Exception>(() => store.RenewAllAsync(a.Self));
        Assert.Equal(1, failures);
        clock.Advance(valid - cluster.Settings.LeaseRenewInterval - TimeSpan.FromMilliseconds(1));
        Assert.True(store.HoldsLease("user", "5"), "still valid 1 ms before ttl - margin");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(store.HoldsLease("user", "5"), "lapsed locally at ttl - margin after the last successful statement");
    }
}
