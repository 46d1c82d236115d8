using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence;

namespace Cluster.Runtime.Tests.Persistence.Actors;

/// <summary>
/// Behaviour of persistent actors, run unchanged against every plugin (see PersistentActorPluginTests.cs):
/// persist and recover, atomic PersistAll, PersistAsync, stashing, snapshots, deletion, tags.
/// </summary>
public abstract partial class PersistentActorSpec : PersistentActorTestBase
{
    [Fact]
    public async Task State_is_recovered_after_the_actor_stops_and_starts_again()
    {
        var cart = StartCart("cart-1");
        for (var i = 1; i <= 3; i++)
        {
            var added = await AskAsync<Added>(cart, new Add($"item-{i}"), $"ack of item-{i}");
            Assert.Equal(new Added($"item-{i}", i), added);
        }
        await StopAndWait(cart);

        var reporter = CreateProbe();
        var again = StartCart("cart-1", reporter);
        for (var i = 1; i <= 3; i++) Assert.Equal(new Replayed($"item-{i}", i), await reporter.ExpectMsgAsync<Replayed>());
        var done = await reporter.ExpectMsgAsync<RecoveryDone>();
        Assert.Equal(["item-1", "item-2", "item-3"], done.Items);
        Assert.Equal(3, done.LastSequenceNr);
        Assert.Equal(new Added("item-4", 4), await AskAsync<Added>(again, new Add("item-4"), "ack after recovery"));
    }

    [Fact]
    public async Task RecoveryCompleted_arrives_once_per_incarnation_and_before_any_command()
    {
        var reporter = CreateProbe();
        var cart = StartCart("cart-once", reporter);
        var view = cart.Ask<CartView>(new GetCart(), Timeout.InfiniteTimeSpan);
        await reporter.ExpectMsgAsync<RecoveryDone>(because: "the first recovery");
        await Within(view, "the command sent during recovery");
        await AskAsync<Added>(cart, new Add("a"), "ack of a");
        Assert.True(reporter.IsEmpty, "no second RecoveryCompleted without a restart");

        cart.Tell(new Crash());   // the default supervisor restarts it: a new incarnation recovers again
        var second = await reporter.FishForMessageAsync<RecoveryDone>(_ => true, because: "recovery of the restarted incarnation");
        Assert.Equal(["a"], second.Items);
        var marker = await AskAsync<CartView>(cart, new GetCart(), "state after restart");
        Assert.Equal(["a"], marker.Items);
        Assert.True(reporter.IsEmpty, "exactly one RecoveryCompleted per incarnation");
    }

    [Fact]
    public async Task Every_incarnation_writes_with_its_own_writer_uuid()
    {
        var reporter = CreateProbe();
        var cart = StartCart("cart-writer", reporter);
        var first = await reporter.ExpectMsgAsync<RecoveryDone>();
        await AskAsync<Added>(cart, new Add("a"), "ack of a");
        cart.Tell(new Crash());
        var second = await reporter.FishForMessageAsync<RecoveryDone>(_ => true);
        await AskAsync<Added>(cart, new Add("b"), "ack of b");
        Assert.NotEqual(first.WriterUuid, second.WriterUuid);
        var writers = new List<string>();
        await foreach (var e in Components.ReadJournal.CurrentEventsByPersistenceId("cart-writer")) writers.Add(e.WriterUuid);
        Assert.Equal([first.WriterUuid, second.WriterUuid], writers);
    }

    [Fact]
    public async Task PersistAll_is_one_atomic_write_and_runs_the_handler_per_event()
    {
        var probe = CreateProbe();
        var cart = StartCart("cart-all");
        await AskAsync<CartView>(cart, new GetCart(), "recovery");
        var before = Journal.WriteCalls.Count;
        cart.Tell(new AddAll(["x", "y", "z"]), probe.Ref);
        for (var i = 1; i <= 3; i++) Assert.Equal(new Added(new[] { "x", "y", "z" }[i - 1], i), await probe.ExpectMsgAsync<Added>());

        var calls = Journal.WriteCalls.Skip(before).ToList();
        var write = Assert.Single(Assert.Single(calls));
        Assert.Equal(3, write.Count);
        Assert.Equal(1, write.LowestSequenceNr);
        Assert.Equal(3, write.HighestSequenceNr);
        await StopAndWait(cart);
        var reporter = CreateProbe();
        StartCart("cart-all", reporter);
        Assert.Equal(["x", "y", "z"], (await reporter.FishForMessageAsync<RecoveryDone>(_ => true)).Items);
    }

    [Fact]
    public async Task Commands_sent_while_a_persist_is_in_flight_wait_for_its_handler_in_order()
    {
        var probe = CreateProbe();
        var cart = StartCart("cart-stash");
        await AskAsync<CartView>(cart, new GetCart(), "recovery");
        Journal.HoldWrites();
        cart.Tell(new Add("a"), probe.Ref);
        await Within(Journal.WriteHeld.Task, "the write of a to reach the journal");
        cart.Tell(new GetCart(), probe.Ref);
        cart.Tell(new Add("b"), probe.Ref);
        cart.Tell(new GetCart(), probe.Ref);
        Journal.ReleaseWrites();

        Assert.Equal(new Added("a", 1), await probe.ExpectMsgAsync<Added>(because: "the handler of a runs before the stashed commands"));
        Assert.Equal(["a"], (await probe.ExpectMsgAsync<CartView>(because: "the first stashed GetCart sees a")).Items);
        Assert.Equal(new Added("b", 2), await probe.ExpectMsgAsync<Added>());
        Assert.Equal(["a", "b"], (await probe.ExpectMsgAsync<CartView>()).Items);
    }

    [Fact]
    public async Task PersistAsync_keeps_processing_commands_and_runs_handlers_in_order()
    {
        var probe = CreateProbe();
        var cart = StartCart("cart-async");
        await AskAsync<CartView>(cart, new GetCart(), "recovery");
        Journal.HoldWrites();
        cart.Tell(new AddAsync("a"), probe.Ref);
        cart.Tell(new AddAsync("b"), probe.Ref);
        await Within(Journal.WriteHeld.Task, "the first write to reach the journal");
        cart.Tell(new GetCart(), probe.Ref);
        var view = await probe.ExpectMsgAsync<CartView>(because: "GetCart is answered while both writes are still held");
        Assert.Empty(view.Items);
        Assert.Equal(0, view.LastSequenceNr);
        Journal.ReleaseWrites();
        Assert.Equal(new Added("a", 1), await probe.ExpectMsgAsync<Added>());
        Assert.Equal(new Added("b", 2), await probe.ExpectMsgAsync<Added>());
        Assert.Equal(["a", "b"], (await AskAsync<CartView>(cart, new GetCart(), "state after the writes")).Items);
    }

    [Fact]
    public async Task Defer_runs_after_the_handlers_of_earlier_persists()
    {
        var probe = CreateProbe();
        var cart = StartCart("cart-defer");
        await AskAsync<CartView>(cart, new GetCart(), "recovery");
        foreach (var async in new[] { false, true })
        {
            cart.Tell(new AddThenDefer(async ? "y" : "x", async ? "m2" : "m1", async), probe.Ref);
            var added = await probe.ExpectMsgAsync<Added>();
            var deferred = await probe.ExpectMsgAsync<Deferred>(because: "the deferred handler runs after the persist handler");
            Assert.Equal(added.SequenceNr, deferred.LastSequenceNr);
        }
        Assert.Equal(2, (await AskAsync<CartView>(cart, new GetCart(), "state")).LastSequenceNr);
    }

    [Fact]
    public async Task Commands_sent_during_recovery_are_processed_after_it_in_order()
    {
        var cart = StartCart("cart-recovery-stash");
        await AskAsync<Added>(cart, new Add("old"), "ack of old");
        await StopAndWait(cart);

        Journal.HoldReplays();
        var probe = CreateProbe();
        var again = StartCart("cart-recovery-stash");
        await Within(Journal.ReplayHeld.Task, "recovery to start replaying");
        again.Tell(new Add("n1"), probe.Ref);
        again.Tell(new GetCart(), probe.Ref);
        again.Tell(new Add("n2"), probe.Ref);
        Journal.ReleaseReplays();

        Assert.Equal(new Added("n1", 2), await probe.ExpectMsgAsync<Added>());
        Assert.Equal(["old", "n1"], (await probe.ExpectMsgAsync<CartView>()).Items);
        Assert.Equal(new Added("n2", 3), await probe.ExpectMsgAsync<Added>());
    }

    [Fact]
    public async Task Recovery_offers_the_latest_snapshot_then_replays_only_later_events()
    {
        var cart = StartCart("cart-snap");
        for (var i = 1; i <= 3; i++) await AskAsync<Added>(cart, new Add($"s{i}"), "ack");
        var saved = await AskAsync<SaveSnapshotSuccess>(cart, new TakeSnapshot(), "SaveSnapshotSuccess");
        Assert.Equal(3, saved.Metadata.SequenceNr);
        for (var i = 4; i <= 5; i++) await AskAsync<Added>(cart, new Add($"s{i}"), "ack");
        await StopAndWait(cart);

        var reporter = CreateProbe();
        StartCart("cart-snap", reporter);
        Assert.Equal(new SnapshotOffered(3, 3), await reporter.ExpectMsgAsync<SnapshotOffered>());
        Assert.Equal(new Replayed("s4", 4), await reporter.ExpectMsgAsync<Replayed>());
        Assert.Equal(new Replayed("s5", 5), await reporter.ExpectMsgAsync<Replayed>());
        var done = await reporter.ExpectMsgAsync<RecoveryDone>();
        Assert.Equal(["s1", "s2", "s3", "s4", "s5"], done.Items);
        Assert.Equal(5, done.LastSequenceNr);
    }

    [Fact]
    public async Task Recovery_settings_limit_the_replay_but_numbering_continues_after_the_stored_events()
    {
        var cart = StartCart("cart-partial");
        for (var i = 1; i <= 4; i++) await AskAsync<Added>(cart, new Add($"p{i}"), "ack");
        await AskAsync<SaveSnapshotSuccess>(cart, new TakeSnapshot(), "snapshot at 4");
        await StopAndWait(cart);

        var reporter = CreateProbe();
        var limited = StartCart("cart-partial", reporter, recovery: new Recovery(SnapshotSelectionCriteria.None, toSequenceNr: 3, replayMax: 2));
        var done = await reporter.FishForMessageAsync<RecoveryDone>(_ => true);
        Assert.Equal(["p1", "p2"], done.Items);
        Assert.Equal(4, done.LastSequenceNr);
        Assert.Equal(new Added("p5", 5), await AskAsync<Added>(limited, new Add("p5"), "ack after a partial recovery"));
        await StopAndWait(limited);

        var none = CreateProbe();
        var empty = StartCart("cart-partial", none, recovery: Recovery.None);
        var nothing = await none.ExpectMsgAsync<RecoveryDone>(because: "Recovery.None replays nothing and offers no snapshot");
        Assert.Empty(nothing.Items);
        Assert.Equal(5, nothing.LastSequenceNr);
        Assert.Equal(new Added("p6", 6), await AskAsync<Added>(empty, new Add("p6"), "ack after Recovery.None"));
    }

    [Fact]
    public async Task Deleted_events_are_not_replayed_and_numbering_continues()
    {
        var cart = StartCart("cart-delete");
        for (var i = 1; i <= 3; i++) await AskAsync<Added>(cart, new Add($"d{i}"), "ack");
        Assert.Equal(new DeleteMessagesSuccess(2), await AskAsync<DeleteMessagesSuccess>(cart, new DeleteUpTo(2), "DeleteMessagesSuccess"));
        var tooFar = await AskAsync<DeleteMessagesFailure>(cart, new DeleteUpTo(9), "DeleteMessagesFailure beyond LastSequenceNr");
        Assert.Contains("lastSequenceNr 3", tooFar.Cause.Message);
        await StopAndWait(cart);

        var reporter = CreateProbe();
        var again = StartCart("cart-delete", reporter);
        Assert.Equal(new Replayed("d3", 3), await reporter.ExpectMsgAsync<Replayed>());
        Assert.Equal(3, (await reporter.ExpectMsgAsync<RecoveryDone>()).LastSequenceNr);
        Assert.Equal(new Added("d4", 4), await AskAsync<Added>(again, new Add("d4"), "ack after delete"));
    }

    [Fact]
    public async Task Tagged_events_and_tagger_tags_are_visible_through_EventsByTag()
    {
        var cart = StartCart("cart-tags", tagger: e => e is CartItemAdded { Item: var item } && item.StartsWith("fruit-") ? ["fruit"] : null);
        await AskAsync<Added>(cart, new AddTagged("milk", ["dairy", "cold"]), "tagged write");
        await AskAsync<Added>(cart, new Add("fruit-apple"), "tagger write");
        await AskAsync<Added>(cart, new Add("bread"), "untagged write");
        await AskAsync<Added>(cart, new AddTagged("yoghurt", ["dairy"]), "tagged write");

        async Task<List<(string Item, long Seq)>> ByTag(string tag)
        {
            var list = new List<(string, long)>();
            await foreach (var e in Components.ReadJournal.CurrentEventsByTag(tag)) list.Add((((CartItemAdded)e.Event).Item, e.SequenceNr));
            return list;
        }

        Assert.Equal([("milk", 1L), ("yoghurt", 4L)], await ByTag("dairy"));
        Assert.Equal([("milk", 1L)], await ByTag("cold"));
        Assert.Equal([("fruit-apple", 2L)], await ByTag("fruit"));
        await StopAndWait(cart);
        var reporter = CreateProbe();
        StartCart("cart-tags", reporter);
        Assert.Equal(["milk", "fruit-apple", "bread", "yoghurt"], (await reporter.FishForMessageAsync<RecoveryDone>(_ => true)).Items);
    }
}
