using Cluster.Runtime.Membership;
using Cluster.TestSupport;
using Serilog.Events;

namespace Cluster.Runtime.Tests.Membership;

[Collection(PostgresServer.Collection)]
public sealed class DoubleActivationDetectorTests(PostgresServer server)
{
    [Fact]
    public async Task Forced_double_activation_on_two_live_nodes_is_logged_and_counted()
    {
        await using var cluster = new MembershipTestCluster(server);
        var a = await cluster.JoinNodeAsync("a");
        await a.WaitUpAsync(a.Self);
        var b = await cluster.JoinNodeAsync("b");
        await a.WaitUpAsync(b.Self);

        Assert.Null(await a.Membership.Detector.RecordActivationAsync("user", "alice@example.com", a.Self, 1));
        // Forced: b activates the same entity while a (a live member) still has it active.
        var conflict = await b.Membership.Detector.RecordActivationAsync("user", "alice@example.com", b.Self, 2);

        Assert.NotNull(conflict);
        Assert.Equal(a.Self, conflict.ExistingOwner);
        Assert.Equal(1, conflict.ExistingEpoch);
        Assert.Equal(b.Self, conflict.NewOwner);
        Assert.Equal(1, b.Membership.Detector.DoubleActivations);
        Assert.Equal(0, a.Membership.Detector.DoubleActivations);
        var line = Assert.Single(cluster.Log.Rendered(LogEventLevel.Error), l => l.Contains("active on two nodes", StringComparison.Ordinal));
        Assert.StartsWith($"Entity user/alice@example.com active on two nodes: {a.Self} (epoch 1, active since ", line);
        Assert.EndsWith($"and {b.Self} (epoch 2)", line);

        // a's late deactivation must not erase b's record: a third activation still finds b.
        await a.Membership.Detector.RecordDeactivationAsync("user", "alice@example.com", a.Self);
        var again = await a.Membership.Detector.RecordActivationAsync("user", "alice@example.com", a.Self, 3);
        Assert.Equal(b.Self, again?.ExistingOwner);
    }

    [Fact]
    public async Task Activation_after_deactivation_or_after_the_owner_went_Down_is_not_a_conflict()
    {
        await using var cluster = new MembershipTestCluster(server);
        var a = await cluster.JoinNodeAsync("a");
        await a.WaitUpAsync(a.Self);
        var b = await cluster.JoinNodeAsync("b");
        await a.WaitUpAsync(b.Self);
        var detector = a.Membership.Detector;

        Assert.Null(await b.Membership.Detector.RecordActivationAsync("call", "c1", b.Self, 1));
        await b.Membership.Detector.RecordDeactivationAsync("call", "c1", b.Self);
        Assert.Null(await detector.RecordActivationAsync("call", "c1", a.Self, 2));

        Assert.Null(await b.Membership.Detector.RecordActivationAsync("call", "c2", b.Self, 1));
        var bSelf = b.Self;
        await b.Membership.DisposeAsync(); // crashed without deactivating
        Assert.True(await a.Membership.DownAsync(bSelf.Address));
        Assert.Null(await detector.RecordActivationAsync("call", "c2", a.Self, 2));
        Assert.Null(await detector.RecordActivationAsync("call", "c2", a.Self, 2)); // our own row again
        Assert.Equal(0, detector.DoubleActivations);
        Assert.Equal(3, detector.ActivationsChecked);
    }
}
