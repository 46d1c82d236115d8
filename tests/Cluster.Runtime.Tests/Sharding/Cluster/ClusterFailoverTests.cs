using System.Diagnostics;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Sharding;
using Cluster.Runtime.Tests.Membership;
using Cluster.Runtime.Tests.Sharding.Cluster.Support;
using Cluster.TestSupport;
using Npgsql;
using Xunit.Abstractions;

namespace Cluster.Runtime.Tests.Sharding.Cluster;

/// <summary>Nodes leaving gracefully, crashing and fencing themselves, with entities moving to the survivors.</summary>
[Collection(PostgresServer.Collection)]
public sealed class ClusterFailoverTests(PostgresServer server, ITestOutputHelper output)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Graceful_leave_under_a_steady_stream_hands_every_shard_over_and_loses_nothing()
    {
        await using var cluster = await PlacementTestCluster.CreateAsync(server);
        var a = await cluster.StartNodeAsync("a");
        var b = await cluster.StartNodeAsync("b");
        var c = await cluster.StartNodeAsync("c");
        PlacementNode[] all = [a, b, c];
        await PlacementTestCluster.WaitAllUpAsync(all);
        var ids = Enumerable.Range(0, 24).Select(i => $"leave-{i}").ToArray();
        foreach (var id in ids) await PlacementTestCluster.WaitForAnswerFromAsync(b, id, PlacementTestCluster.ExpectedHome(id, all));
        var onA = ids.Where(id => PlacementTestCluster.ExpectedHome(id, all) == "a").ToList();
        Assert.NotEmpty(onA);

        // Asks go through b and c, at most `window` at a time; each ends acknowledged, rejected or (never) timed out.
        // The stream starts before a leaves and goes on for `after` more asks once a's shutdown has completed.
        const int before = 300;
        const int after = 300;
        const int window = 24;
        var acked = new long[ids.Length];
        long rejected = 0, lost = 0, sent = 0, sentWhenLeft = 0;
        using var gate = new SemaphoreSlim(window);
        var inFlight = new List<Task>();
        Task? leave = null;
        var clock = Stopwatch.StartNew();
        for (var n = 0; leave is null || Interlocked.Read(ref sentWhenLeft) == 0 || n < Interlocked.Read(ref sentWhenLeft) + after; n++)
        {
            if (clock.Elapsed > PlacementTestCluster.Deadline) throw new TimeoutException($"a did not finish leaving within {PlacementTestCluster.Deadline} ({n} asks sent)");
            if (n == before)
            {
                leave = a.System.CoordinatedShutdown.Run(ShutdownReason.ClusterLeaving);
                _ = leave.ContinueWith(_ => Interlocked.Exchange(ref sentWhenLeft, Interlocked.Read(ref sent)), TaskScheduler.Default);
            }
            await gate.WaitAsync();
            var index = n % ids.Length;
            var via = n % 2 == 0 ? b : c;
            Interlocked.Increment(ref sent);
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    await via.Region.Ask<CounterAck>(new Increment(ids[index]), AskTimeout);
                    Interlocked.Increment(ref acked[index]);
                }
                catch (ShardDeliveryException)
                {
                    Interlocked.Increment(ref rejected);
                }
                catch (AskTimeoutException)
                {
                    Interlocked.Increment(ref lost);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        await Task.WhenAll(inFlight);
        await leave!.WaitAsync(PlacementTestCluster.Deadline);
        try
        {
            await a.Node.Membership.WhenRemoved.WaitAsync(PlacementTestCluster.Deadline);
        }
        catch (TimeoutException)
        {
            var held = (await b.Node.Membership.Leases.ListLeasesAsync()).Where(l => l.Owner == a.Self && l.ExpiresAt > DateTimeOffset.UtcNow);
            foreach (var e in cluster.Membership.Log.Events.Where(e => e.Level >= Serilog.Events.LogEventLevel.Information)) output.WriteLine(e.RenderMessage());
            throw new TimeoutException($"a was not Removed within {PlacementTestCluster.Deadline}; leases a still holds: {string.Join(", ", held.Select(l => $"{l.ShardId}@{l.Epoch}"))}");
        }

        output.WriteLine($"sent {sent}, acknowledged {acked.Sum()}, rejected {rejected}, lost {lost}; a had left after {sentWhenLeft} sent, {clock.ElapsedMilliseconds} ms");
        Assert.True(sentWhenLeft > before, $"the stream must go on while a leaves (a left after {sentWhenLeft} asks)");
        Assert.Equal(0, lost);
        Assert.Equal(sent, acked.Sum() + rejected);
        Assert.True(a.Statistics.EntitiesHandedOff >= onA.Count, "a's entities must have been handed off with their stop message");
        for (var i = 0; i < ids.Length; i++)
        {
            var answer = await PlacementTestCluster.WaitForAnswerFromAsync(c, ids[i], PlacementTestCluster.ExpectedHome(ids[i], [b, c]));
            Assert.Equal(acked[i], answer.Value);
        }
        Assert.Equal(0, cluster.DoubleActivations);
    }

    [Fact]
    public async Task Crashed_node_shards_move_to_survivors_after_down_after_with_every_acknowledged_event()
    {
        await using var cluster = await PlacementTestCluster.CreateAsync(server);
        var a = await cluster.StartNodeAsync("a");
        var b = await cluster.StartNodeAsync("b");
        var c = await cluster.StartNodeAsync("c");
        PlacementNode[] all = [a, b, c];
        await PlacementTestCluster.WaitAllUpAsync(all);
        var ids = Enumerable.Range(0, 24).Select(i => $"crash-{i}").ToArray();
        var values = new Dictionary<string, long>();
        foreach (var id in ids)
        {
            await PlacementTestCluster.WaitForAnswerFromAsync(b, id, PlacementTestCluster.ExpectedHome(id, all));
            for (var i = 0; i < 2; i++) values[id] = (await c.Region.Ask<CounterAck>(new Increment(id), AskTimeout)).Value;
        }
        var victims = ids.Where(id => PlacementTestCluster.ExpectedHome(id, all) == "a").ToList();
        Assert.NotEmpty(victims);
        var aSelf = a.Self;

        var crashedAt = Stopwatch.StartNew();
        await a.CrashAsync();
        await b.Node.Events.WaitForAsync<MemberDowned>(e => e.Member.UniqueAddress == aSelf, expected: "MemberDowned(a) on b");
        foreach (var id in ids)
        {
            var answer = await PlacementTestCluster.WaitForAnswerFromAsync(b, id, PlacementTestCluster.ExpectedHome(id, [b, c]));
            Assert.Equal(values[id], answer.Value);
        }
        output.WriteLine($"all {victims.Count} entities of the crashed node answered from survivors {crashedAt.ElapsedMilliseconds} ms after the crash (down-after {cluster.Membership.Settings.DownAfter.TotalMilliseconds} ms)");
        Assert.All(victims, id => Assert.Contains(cluster.Activations.Snapshot(), e => e.Started && e.EntityId == id && e.Node != "a"));
        Assert.Equal(0, cluster.DoubleActivations);
    }

    [Fact]
    public async Task Fenced_node_stops_its_entities_before_a_survivor_takes_their_leases()
    {
        await using var cluster = await PlacementTestCluster.CreateAsync(server);
        await using var proxy = new TcpProxy(server.Port);
        var through = new NpgsqlConnectionStringBuilder(cluster.Membership.Settings.ConnectionString) { Port = proxy.Port }.ToString();
        var a = await cluster.StartNodeAsync("a", through);
        var b = await cluster.StartNodeAsync("b");
        PlacementNode[] all = [a, b];
        await PlacementTestCluster.WaitAllUpAsync(all);
        var ids = Enumerable.Range(0, 16).Select(i => $"fence-{i}").ToArray();
        var values = new Dictionary<string, long>();
        foreach (var id in ids)
        {
            await PlacementTestCluster.WaitForAnswerFromAsync(b, id, PlacementTestCluster.ExpectedHome(id, all));
            values[id] = (await b.Region.Ask<CounterAck>(new Increment(id), AskTimeout)).Value;
        }
        var onA = ids.Where(id => PlacementTestCluster.ExpectedHome(id, all) == "a").ToList();
        Assert.NotEmpty(onA);
        var aShards = onA.Select(PlacementTestCluster.Extractor.ShardId).ToHashSet();
        var leasesBefore = (await b.Node.Membership.Leases.ListLeasesAsync(PlacementTestCluster.TypeName)).Where(l => aShards.Contains(l.ShardId)).ToDictionary(l => l.ShardId);
        Assert.All(leasesBefore.Values, l => Assert.Equal(a.Self, l.Owner));
        var oldA = a.Self;

        await proxy.CutAsync();
        await a.Node.Events.WaitForAsync<SelfFenced>(expected: "SelfFenced on the cut-off node a");
        await cluster.Activations.WaitUntilAsync(events => onA.All(id => events.Any(e => !e.Started && e.Node == "a" && e.EntityId == id)),
            PlacementTestCluster.Deadline, "every entity on a stopped after fencing");
        Assert.Empty(await a.HostedShardsAsync());
        await b.Node.Events.WaitForAsync<MemberDowned>(e => e.Member.UniqueAddress == oldA, expected: "MemberDowned(a) on b");

        foreach (var id in onA)
        {
            var answer = await PlacementTestCluster.WaitForAnswerFromAsync(b, id, "b");
            Assert.Equal(values[id], answer.Value);
        }
        var events = cluster.Activations.Snapshot();
        foreach (var id in onA)
        {
            var stoppedOnA = events.Last(e => !e.Started && e.Node == "a" && e.EntityId == id).At;
            var startedOnB = events.First(e => e.Started && e.Node == "b" && e.EntityId == id).At;
            Assert.True(stoppedOnA < startedOnB, $"{id} started on b before it stopped on the fenced node a");
        }
        var leasesAfter = (await b.Node.Membership.Leases.ListLeasesAsync(PlacementTestCluster.TypeName)).Where(l => aShards.Contains(l.ShardId)).ToList();
        Assert.All(leasesAfter, l =>
        {
            Assert.Equal(b.Self, l.Owner);
            Assert.True(l.Epoch > leasesBefore[l.ShardId].Epoch, $"shard {l.ShardId}: b's epoch {l.Epoch} must be above a's {leasesBefore[l.ShardId].Epoch}");
        });

        // Back on the database, a rejoins as a new incarnation and gets the shards that hash to its address back.
        proxy.Restore();
        var (rejoined, _) = await a.Node.Events.WaitForAsync<SelfRejoined>(expected: "SelfRejoined on a");
        await b.Node.WaitUpAsync(rejoined.Current);
        var returning = onA[0];
        var back = await PlacementTestCluster.WaitForAnswerFromAsync(b, returning, "a");
        Assert.Equal(values[returning], back.Value);
        Assert.Equal(0, cluster.DoubleActivations);
    }
}
