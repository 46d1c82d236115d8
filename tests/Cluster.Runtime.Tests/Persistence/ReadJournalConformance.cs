using Cluster.Runtime.Persistence;
using Cluster.Runtime.Persistence.Query;

namespace Cluster.Runtime.Tests.Persistence;

/// <summary>What every plugin's read journal must do: offsets, tags, persistence ids, current and live queries.</summary>
public abstract class ReadJournalConformance : PersistencePluginTestBase
{
    private IReadJournal Queries => Components.ReadJournal;

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source) list.Add(item);
        return list;
    }

    private static async Task<List<T>> TakeAsync<T>(IAsyncEnumerable<T> source, int count, string what)
    {
        var list = new List<T>();
        try
        {
            await foreach (var item in source)
            {
                list.Add(item);
                if (list.Count == count) break;
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"expected {count} {what} before the deadline, got {list.Count}");
        }
        return list;
    }

    [Fact]
    public async Task Current_events_by_tag_are_in_offset_order_and_resume_after_an_offset()
    {
        await PersistAsync("tag-a", 3, null, "calls");
        await PersistAsync("tag-b", 2);
        await PersistAsync("tag-c", 2, null, "calls", "vip");

        var calls = await ToListAsync(Queries.CurrentEventsByTag("calls"));

        Assert.Equal(5, calls.Count);
        Assert.True(calls.Zip(calls.Skip(1)).All(p => p.First.Offset < p.Second.Offset), "offsets must increase");
        Assert.Equal(new[] { "tag-a", "tag-a", "tag-a", "tag-c", "tag-c" }, calls.Select(e => e.PersistenceId));
        Assert.Equal(new ItemAdded("item-2", 2), calls[1].Event);
        Assert.Equal(TestEvents.Writer, calls[1].WriterUuid);

        var resumed = await ToListAsync(Queries.CurrentEventsByTag("calls", calls[2].Offset));
        Assert.Equal(calls.Skip(3).Select(e => e.Offset), resumed.Select(e => e.Offset));

        Assert.Equal(2, (await ToListAsync(Queries.CurrentEventsByTag("vip"))).Count);
        Assert.Empty(await ToListAsync(Queries.CurrentEventsByTag("nothing-tagged")));
    }

    [Fact]
    public async Task Deleted_events_leave_tag_and_persistence_id_queries()
    {
        await PersistAsync("tag-del", 4, null, "deletable");

        await Journal.DeleteMessagesToAsync("tag-del", 2);

        Assert.Equal(new long[] { 3, 4 }, (await ToListAsync(Queries.CurrentEventsByTag("deletable"))).Select(e => e.SequenceNr));
        Assert.Equal(new long[] { 3, 4 }, (await ToListAsync(Queries.CurrentEventsByPersistenceId("tag-del"))).Select(e => e.SequenceNr));
        await Journal.DeleteMessagesToAsync("tag-del", 4);
        Assert.Empty(await ToListAsync(Queries.CurrentEventsByTag("deletable")));
        Assert.Contains("tag-del", await ToListAsync(Queries.CurrentPersistenceIds()));
    }

    [Fact]
    public async Task Current_events_by_persistence_id_respect_the_range()
    {
        await PersistAsync("range", 6);

        var slice = await ToListAsync(Queries.CurrentEventsByPersistenceId("range", 2, 4));

        Assert.Equal(new long[] { 2, 3, 4 }, slice.Select(e => e.SequenceNr));
        Assert.Equal(6, (await ToListAsync(Queries.CurrentEventsByPersistenceId("range"))).Count);
        Assert.Empty(await ToListAsync(Queries.CurrentEventsByPersistenceId("nobody")));
    }

    [Fact]
    public async Task Current_persistence_ids_lists_each_id_once_in_ordinal_order()
    {
        foreach (var pid in new[] { "b-user", "a-user", "C-user", "a-user-2" }) await PersistAsync(pid, 2);

        Assert.Equal(new[] { "C-user", "a-user", "a-user-2", "b-user" }, await ToListAsync(Queries.CurrentPersistenceIds()));
    }

    [Fact]
    public async Task Live_events_by_tag_deliver_events_written_after_the_query_started()
    {
        await PersistAsync("live-1", 2, null, "presence");
        var deadline = TestEvents.Deadline();
        var query = TakeAsync(Queries.EventsByTag("presence", 0, deadline), 5, "events tagged presence");

        await PersistAsync("live-2", 3, null, "presence");
        var received = await query;

        Assert.Equal(new[] { "live-1", "live-1", "live-2", "live-2", "live-2" }, received.Select(e => e.PersistenceId));
    }

    [Fact]
    public async Task Live_events_by_persistence_id_stop_at_the_upper_bound()
    {
        await PersistAsync("live-pid", 1);
        var deadline = TestEvents.Deadline();
        var query = ToListAsync(Queries.EventsByPersistenceId("live-pid", 1, 3, deadline));

        for (var seq = 2; seq <= 4; seq++) Assert.True((await Journal.WriteAsync(TestEvents.Write("live-pid", seq))).IsOk);

        Assert.Equal(new long[] { 1, 2, 3 }, (await query).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task All_persistence_ids_reports_existing_then_new_ids()
    {
        await PersistAsync("existing", 1);
        var query = TakeAsync(Queries.AllPersistenceIds(TestEvents.Deadline()), 3, "persistence ids");

        await PersistAsync("new-1", 2);
        await PersistAsync("new-2", 1);

        Assert.Equal(new[] { "existing", "new-1", "new-2" }, await query);
    }
}
