using Cluster.Runtime.Persistence;
using Cluster.Runtime.Persistence.Serialization;

namespace Cluster.Runtime.Tests.Persistence;

/// <summary>
/// What every journal plugin must do, run against each plugin by a derived class. Modelled on Akka's journal TCK
/// plus the cluster's own needs: group commit, conflict detection between writers, writer identity.
/// </summary>
public abstract class JournalConformance : PersistencePluginTestBase
{
    [Fact]
    public async Task Replay_returns_events_in_order_within_range_and_max()
    {
        await PersistAsync("p-1", 10);
        await PersistAsync("p-other", 3);

        var all = await Journal.ReplayAllAsync("p-1");
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), all.Select(e => e.SequenceNr));
        Assert.Equal(new ItemAdded("item-7", 7), all[6].Payload);

        var range = new List<long>();
        await Journal.ReplayMessagesAsync("p-1", 3, 8, long.MaxValue, e => range.Add(e.SequenceNr));
        Assert.Equal(new long[] { 3, 4, 5, 6, 7, 8 }, range);

        var limited = new List<long>();
        await Journal.ReplayMessagesAsync("p-1", 2, long.MaxValue, 4, e => limited.Add(e.SequenceNr));
        Assert.Equal(new long[] { 2, 3, 4, 5 }, limited);

        var none = new List<long>();
        await Journal.ReplayMessagesAsync("p-1", 1, long.MaxValue, 0, e => none.Add(e.SequenceNr));
        await Journal.ReplayMessagesAsync("unknown", 1, long.MaxValue, long.MaxValue, e => none.Add(e.SequenceNr));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Replay_carries_writer_uuid_tags_manifest_and_timestamp()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var result = await Journal.WriteAsync(TestEvents.Write("p-meta", 1, "node-b/incarnation-7", "user", "binding"));
        Assert.True(result.IsOk, $"expected Ok, got {result.Outcome}: {result.Cause}");

        var e = Assert.Single(await Journal.ReplayAllAsync("p-meta"));
        Assert.Equal("node-b/incarnation-7", e.WriterUuid);
        Assert.Equal(new[] { "user", "binding" }, e.Tags);
        Assert.Equal(TestEvents.ItemAddedManifest, e.Manifest);
        Assert.False(e.Deleted);
        Assert.InRange(e.Timestamp, before, DateTimeOffset.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task Highest_sequence_nr_is_zero_when_unknown_and_never_goes_back_after_delete()
    {
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("nobody"));
        await PersistAsync("p-del", 5);
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync("p-del"));

        await Journal.DeleteMessagesToAsync("p-del", 3);
        Assert.Equal(new long[] { 4, 5 }, (await Journal.ReplayAllAsync("p-del")).Select(e => e.SequenceNr));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync("p-del"));

        await Journal.DeleteMessagesToAsync("p-del", long.MaxValue);
        Assert.Empty(await Journal.ReplayAllAsync("p-del"));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync("p-del", 1));

        // The kept row still guards its sequence number, and the actor continues after it.
        var again = await Journal.WriteAsync(TestEvents.Write("p-del", 5, "writer-z"));
        Assert.Equal(WriteOutcome.Failed, again.Outcome);
        Assert.IsType<JournalConflictException>(again.Cause);
        Assert.True((await Journal.WriteAsync(TestEvents.Write("p-del", 6))).IsOk);
        Assert.Equal(new long[] { 6 }, (await Journal.ReplayAllAsync("p-del")).Select(e => e.SequenceNr));
        Assert.Equal(6, await Journal.ReadHighestSequenceNrAsync("p-del"));
    }

    [Fact]
    public async Task Atomic_write_overlapping_a_stored_event_stores_none_of_its_events()
    {
        Assert.True((await Journal.WriteAsync(TestEvents.Write("p-atomic", 1))).IsOk);
        Assert.True((await Journal.WriteAsync(TestEvents.Write("p-atomic", 3, "writer-a"))).IsOk);

        var overlapping = await Journal.WriteAsync(TestEvents.Range("p-atomic", 2, 4, "writer-b"));

        Assert.Equal(WriteOutcome.Failed, overlapping.Outcome);
        var conflict = Assert.IsType<JournalConflictException>(overlapping.Cause);
        Assert.Equal(3, conflict.SequenceNr);
        var stored = await Journal.ReplayAllAsync("p-atomic");
        Assert.Equal(new long[] { 1, 3 }, stored.Select(e => e.SequenceNr));
        Assert.All(stored, e => Assert.Equal("writer-a", e.WriterUuid));
    }

    [Fact]
    public async Task Multi_event_atomic_write_is_stored_whole()
    {
        var result = await Journal.WriteAsync(TestEvents.Range("p-all", 1, 5));
        Assert.True(result.IsOk, $"expected Ok, got {result.Outcome}: {result.Cause}");
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, (await Journal.ReplayAllAsync("p-all")).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task Unserializable_write_is_rejected_and_not_stored_while_its_batch_mates_commit()
    {
        var writes = new[]
        {
            TestEvents.Write("p-ok-1", 1),
            new AtomicWrite(new[] { TestEvents.Event("p-bad", 1), new PersistentRepresentation(new NotRegistered("x"), "p-bad", 2, "w") }),
            new AtomicWrite(new PersistentRepresentation(new ExplodingEvent(), "p-bad-2", 1, "w")),
            TestEvents.Write("p-ok-2", 1),
        };

        var results = await Journal.WriteMessagesAsync(writes);

        Assert.Equal(new[] { WriteOutcome.Ok, WriteOutcome.Rejected, WriteOutcome.Rejected, WriteOutcome.Ok }, results.Select(r => r.Outcome));
        Assert.Contains(nameof(NotRegistered), results[1].Cause!.Message);
        Assert.IsType<PayloadSerializationException>(results[2].Cause);
        Assert.Empty(await Journal.ReplayAllAsync("p-bad"));
        Assert.Empty(await Journal.ReplayAllAsync("p-bad-2"));
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("p-bad"));
        Assert.Single(await Journal.ReplayAllAsync("p-ok-1"));
        Assert.Single(await Journal.ReplayAllAsync("p-ok-2"));
        Assert.Equal(2, Components.Metrics.Rejected);
        // The actor continues after a rejection: the same sequence number is free.
        Assert.True((await Journal.WriteAsync(TestEvents.Write("p-bad", 1))).IsOk);
    }

    [Fact]
    public async Task Second_writer_gets_JournalConflictException_while_innocent_writes_of_the_same_batch_commit()
    {
        await PersistAsync("user-alice", 3);

        var writes = new List<AtomicWrite>();
        for (var i = 0; i < 20; i++) writes.Add(TestEvents.Write($"innocent-{i}", 1));
        writes.Insert(7, TestEvents.Write("user-alice", 3, "stale-writer"));
        writes.Insert(15, TestEvents.Range("user-alice", 4, 5, "fresh-writer"));

        var results = await Journal.WriteMessagesAsync(writes);

        var stale = results[7];
        Assert.Equal(WriteOutcome.Failed, stale.Outcome);
        var conflict = Assert.IsType<JournalConflictException>(stale.Cause);
        Assert.Equal(("user-alice", 3L, "stale-writer"), (conflict.PersistenceId, conflict.SequenceNr, conflict.WriterUuid));
        Assert.Contains("user-alice", conflict.Message);
        Assert.Contains("sequence number 3", conflict.Message);
        Assert.Contains("another writer", conflict.Message);
        Assert.All(results.Where((_, i) => i != 7), r => Assert.True(r.IsOk, $"innocent write expected Ok, got {r.Outcome}: {r.Cause}"));
        for (var i = 0; i < 20; i++) Assert.Single(await Journal.ReplayAllAsync($"innocent-{i}"));
        var alice = await Journal.ReplayAllAsync("user-alice");
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, alice.Select(e => e.SequenceNr));
        Assert.Equal(TestEvents.Writer, alice[2].WriterUuid);
        Assert.Equal(1, Components.Metrics.Conflicts);
        Assert.Contains(Log.Rendered(Serilog.Events.LogEventLevel.Error), m => m.Contains("user-alice") && m.Contains("another writer"));
    }

    [Fact]
    public async Task Two_writers_of_one_sequence_number_in_one_call_first_wins_second_conflicts()
    {
        var results = await Journal.WriteMessagesAsync(new[]
        {
            TestEvents.Write("p-dup", 1, "first"),
            TestEvents.Write("p-dup", 1, "second"),
            TestEvents.Write("p-bystander", 1),
        });

        Assert.True(results[0].IsOk, $"first writer expected Ok, got {results[0].Outcome}: {results[0].Cause}");
        Assert.IsType<JournalConflictException>(results[1].Cause);
        Assert.True(results[2].IsOk);
        Assert.Equal("first", Assert.Single(await Journal.ReplayAllAsync("p-dup")).WriterUuid);
    }

    [Fact]
    public async Task Concurrent_writes_are_group_committed_in_far_fewer_transactions()
    {
        const int writers = 500;
        var before = Components.Metrics.Transactions;

        // 500 callers that do not wait for each other: each write is queued before the previous one commits. (Starting
        // them on pool threads instead would measure how fast a loaded pool starts tasks, not group commit.)
        var tasks = Enumerable.Range(0, writers).Select(i => Journal.WriteAsync(TestEvents.Write($"gc-{i}", 1))).ToList();
        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.True(r.IsOk, $"expected Ok, got {r.Outcome}: {r.Cause}"));
        var transactions = Components.Metrics.Transactions - before;
        Assert.True(transactions <= writers / 5, $"expected 500 concurrent writes to need at most 100 transactions, used {transactions}");
        Assert.Equal(writers, Components.Metrics.WritesCommitted);
    }

    [Fact]
    public async Task Many_concurrent_writers_all_replay_in_order()
    {
        const int pids = 200, events = 20;
        await Task.WhenAll(Enumerable.Range(0, pids).Select(p => Task.Run(async () =>
        {
            for (var seq = 1; seq <= events; seq++)
            {
                var r = await Journal.WriteAsync(TestEvents.Write($"many-{p}", seq, null, seq % 5 == 0 ? new[] { "fifth" } : Array.Empty<string>()));
                Assert.True(r.IsOk, $"many-{p}/{seq} expected Ok, got {r.Outcome}: {r.Cause}");
            }
        })));

        for (var p = 0; p < pids; p++)
        {
            var replayed = await Journal.ReplayAllAsync($"many-{p}");
            Assert.Equal(Enumerable.Range(1, events).Select(i => (long)i), replayed.Select(e => e.SequenceNr));
            Assert.Equal($"item-{events}", ((ItemAdded)replayed[^1].Payload).Item);
        }
        Assert.Equal(pids * events, Components.Metrics.EventsCommitted);
        Assert.True(Components.Metrics.Transactions < pids * events / 2,
            $"expected group commit to batch {pids * events} writes, got {Components.Metrics.Transactions} transactions");
    }

    [Fact]
    public async Task Write_after_dispose_is_refused_and_queued_writes_complete_first()
    {
        var pending = Enumerable.Range(0, 50).Select(i => Journal.WriteAsync(TestEvents.Write($"disp-{i}", 1))).ToList();
        await Journal.DisposeAsync();

        Assert.All(await Task.WhenAll(pending), r => Assert.True(r.IsOk, $"queued write expected Ok, got {r.Outcome}: {r.Cause}"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Journal.WriteAsync(TestEvents.Write("late", 1)));
    }
}

/// <summary>Journal behaviour that needs the data to outlive the journal instance (SQLite, PostgreSQL).</summary>
public abstract class DurableJournalConformance : JournalConformance
{
    [Fact]
    public async Task Events_recover_after_the_database_is_reopened()
    {
        await PersistAsync("p-restart", 4);
        await Journal.DeleteMessagesToAsync("p-restart", 1);
        await Components.DisposeAsync();

        var reopened = await OpenAsync();

        Assert.Equal(new long[] { 2, 3, 4 }, (await reopened.Journal.ReplayAllAsync("p-restart")).Select(e => e.SequenceNr));
        Assert.Equal(4, await reopened.Journal.ReadHighestSequenceNrAsync("p-restart"));
        Assert.True((await reopened.Journal.WriteAsync(TestEvents.Write("p-restart", 5))).IsOk);
        var stale = await reopened.Journal.WriteAsync(TestEvents.Write("p-restart", 4, "old-incarnation"));
        Assert.IsType<JournalConflictException>(stale.Cause);
    }

    [Fact]
    public async Task Two_journals_on_one_database_detect_each_other_as_writers()
    {
        var nodeB = await OpenAsync();
        Assert.True((await Journal.WriteAsync(TestEvents.Write("user-bob", 1, "node-a"))).IsOk);

        var result = await nodeB.Journal.WriteAsync(TestEvents.Write("user-bob", 1, "node-b"));

        var conflict = Assert.IsType<JournalConflictException>(result.Cause);
        Assert.Equal("node-b", conflict.WriterUuid);
        Assert.Equal("node-a", Assert.Single(await nodeB.Journal.ReplayAllAsync("user-bob")).WriterUuid);
    }

    [Fact]
    public async Task Unknown_manifest_on_replay_names_manifest_and_persistence_id()
    {
        await PersistAsync("p-unknown", 1);
        var olderVersion = await OpenAsync(new SerializerRegistry().Register<CartState>("test.cart-state.v1"));

        var ex = await Assert.ThrowsAsync<UnknownManifestException>(() => olderVersion.Journal.ReplayAllAsync("p-unknown"));

        Assert.Equal(TestEvents.ItemAddedManifest, ex.Manifest);
        Assert.Contains(TestEvents.ItemAddedManifest, ex.Message);
        Assert.Contains("p-unknown", ex.Message);
    }
}
