using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence;
using Serilog.Events;

namespace Cluster.Runtime.Tests.Persistence.Actors;

/// <summary>Failure versus rejection, recovery failure, two writers on one persistence id, backoff.</summary>
public abstract partial class PersistentActorSpec
{
    [Fact]
    public async Task A_failed_write_logs_and_stops_the_actor_without_applying_the_event()
    {
        var cart = StartCart("cart-fail");
        await AskAsync<Added>(cart, new Add("kept"), "ack of kept");
        Journal.Down = true;
        var probe = CreateProbe();
        cart.Tell(new Add("lost"), probe.Ref);
        await ExpectTerminated(cart);
        Assert.True(probe.IsEmpty, "the handler of a failed write must not run");
        var error = Assert.Single(Logs.Matching("failed to persist"));
        Assert.Equal(LogEventLevel.Error, error.Level);
        Assert.Equal("\"cart-fail\"", error.Properties["PersistenceId"].ToString());
        Assert.Equal("2", error.Properties["SequenceNr"].ToString());
        Assert.IsType<SimulatedOutageException>(error.Exception);

        Journal.Down = false;
        var reporter = CreateProbe();
        StartCart("cart-fail", reporter);
        Assert.Equal(["kept"], (await reporter.FishForMessageAsync<RecoveryDone>(_ => true)).Items);
    }

    [Fact]
    public async Task A_rejected_event_is_not_applied_and_the_actor_continues()
    {
        var cart = StartCart("cart-reject");
        await AskAsync<Added>(cart, new Add("a"), "ack of a");
        cart.Tell(new AddUnregistered("no manifest"));
        Assert.Equal(new Added("b", 3), await AskAsync<Added>(cart, new Add("b"), "ack of b after the rejection"));
        var view = await AskAsync<CartView>(cart, new GetCart(), "state");
        Assert.Equal(["a", "b"], view.Items);
        var warning = Assert.Single(Logs.Matching("rejected, not stored"));
        Assert.Equal(LogEventLevel.Warning, warning.Level);
        Assert.Equal("UnregisteredEvent", warning.Properties["EventType"].ToString().Trim('"'));

        await StopAndWait(cart);
        var reporter = CreateProbe();
        StartCart("cart-reject", reporter);
        var done = await reporter.FishForMessageAsync<RecoveryDone>(_ => true);
        Assert.Equal(["a", "b"], done.Items);
        Assert.Equal(3, done.LastSequenceNr);
    }

    [Fact]
    public async Task A_recovery_failure_logs_and_stops_the_actor()
    {
        Journal.Down = true;
        var reporter = CreateProbe();
        var cart = StartCart("cart-recovery-fail", reporter);
        await ExpectTerminated(cart);
        Assert.True(reporter.IsEmpty, "RecoveryCompleted must not be delivered after a failed recovery");
        var error = Assert.Single(Logs.Matching("failed to recover"));
        Assert.Equal(LogEventLevel.Error, error.Level);
        Assert.IsType<SimulatedOutageException>(error.Exception);
    }

    [Fact]
    public async Task Two_writers_on_one_persistence_id_never_interleave_and_the_second_stops()
    {
        // A second "node": for durable plugins its own components on the same database, in memory the same journal.
        var otherComponents = IsDurable ? await OpenComponentsAsync() : Components;
        var nodeB = StartSystem("node-b", otherComponents.Journal, otherComponents);

        var reporterA = CreateProbe();
        var onA = StartCart("user-alice", reporterA);
        var writerA = (await reporterA.ExpectMsgAsync<RecoveryDone>()).WriterUuid;
        await AskAsync<Added>(onA, new Add("a1"), "first write on node A");

        var reporterB = CreateProbe(nodeB);
        var onB = StartCart("user-alice", reporterB, nodeB);
        Assert.Equal(1, (await reporterB.FishForMessageAsync<RecoveryDone>(_ => true)).LastSequenceNr);

        Assert.Equal(new Added("a2", 2), await AskAsync<Added>(onA, new Add("a2"), "node A takes sequence number 2"));
        var probeB = CreateProbe(nodeB);
        onB.Tell(new Add("b2"), probeB.Ref);
        await ExpectTerminated(onB, nodeB);
        Assert.True(probeB.IsEmpty, "the stale writer's handler must not run");

        var line = Assert.Single(Logs.Matching("another writer"));
        Assert.Equal(LogEventLevel.Error, line.Level);
        var rendered = line.RenderMessage();
        Assert.Contains("user-alice", rendered);
        Assert.Contains("sequence number 2", rendered);
        Assert.IsType<JournalConflictException>(line.Exception);

        Assert.Equal(new Added("a3", 3), await AskAsync<Added>(onA, new Add("a3"), "node A keeps writing"));
        var stored = new List<(long, string, string)>();
        await foreach (var e in Components.ReadJournal.CurrentEventsByPersistenceId("user-alice"))
            stored.Add((e.SequenceNr, ((CartItemAdded)e.Event).Item, e.WriterUuid));
        Assert.Equal([(1L, "a1", writerA), (2L, "a2", writerA), (3L, "a3", writerA)], stored);
    }

    [Fact]
    public async Task BackoffSupervisor_brings_a_persistent_actor_back_once_the_journal_works_again()
    {
        var options = BackoffOptions.CreateOnStop(Props.Create(() => new CartActor("cart-backoff", null, null, null)), "cart",
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2);
        var supervisor = Sys.ActorOf(options.Props(), "cart-supervisor");
        Assert.Equal(new Added("before", 1), await AskAsync<Added>(supervisor, new Add("before"), "ack through the supervisor"));
        var first = (await AskAsync<CurrentChild>(supervisor, BackoffSupervisor.GetCurrentChild.Instance, "current child")).Ref!;

        Journal.Down = true;
        supervisor.Tell(new Add("during outage"));
        await ExpectTerminated(first);
        await AwaitRestartCount(supervisor, 1);
        Assert.Null((await AskAsync<CurrentChild>(supervisor, BackoffSupervisor.GetCurrentChild.Instance, "no child while down")).Ref);
        supervisor.Tell(new Add("while down"));
        await AwaitCondition(() => Logs.Matching("is down and waiting for its restart").Any(), "the supervisor logs that messages go to dead letters");

        // Still down at the first restart: recovery fails, the child stops again, the next wait doubles.
        Time.Advance(TimeSpan.FromSeconds(1.2));
        await AwaitRestartCount(supervisor, 2);
        Journal.Down = false;
        Time.Advance(TimeSpan.FromSeconds(2.4));
        await AwaitChild(supervisor);
        var view = await AskAsync<CartView>(supervisor, new GetCart(), "state of the restarted child");
        Assert.Equal(["before"], view.Items);
        Assert.Equal(new Added("after", 2), await AskAsync<Added>(supervisor, new Add("after"), "ack after the outage"));
    }

    private static async Task AwaitChild(IActorRef supervisor)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while ((await AskAsync<CurrentChild>(supervisor, BackoffSupervisor.GetCurrentChild.Instance, "current child")).Ref is null)
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("Timed out waiting for the supervisor to start its child again");
            await Task.Delay(2);
        }
    }

    private static async Task AwaitRestartCount(IActorRef supervisor, int expected)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var count = (await AskAsync<RestartCount>(supervisor, BackoffSupervisor.GetRestartCount.Instance, "restart count")).Count;
            if (count == expected) return;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Timed out waiting for restart count {expected}, last seen {count}");
            await Task.Delay(2);
        }
    }
}
