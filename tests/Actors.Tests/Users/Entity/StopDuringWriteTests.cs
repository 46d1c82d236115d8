using Cluster.Actors.Users;
using Cluster.Actors.Users.Entity;
using Cluster.Runtime.Persistence;
using Cluster.TestSupport;
using Microsoft.Data.Sqlite;

namespace Cluster.Actors.Tests.Users.Entity;

/// <summary>A command whose write is still in flight when its entity is stopped is answered, not lost.</summary>
public sealed class StopDuringWriteTests() : UserEntityTestBase(sqlite: true)
{
    protected override PersistenceSettings AdjustStore(PersistenceSettings settings) =>
        settings with { Journal = settings.Journal with { SqliteBusyTimeout = TimeSpan.FromMilliseconds(50) } };

    [Fact]
    public async Task Entity_stopped_while_its_write_is_in_flight_answers_the_sender_with_a_failure()
    {
        await Create(Alice, "Alice Example");
        var entity = await Deadline.Within(Sys.ActorSelection("/system/sharding/user/*/*").ResolveOne(Timeout.InfiniteTimeSpan), "alice's entity", Deadline.Long);
        var written = await HighestSequenceNr(Alice);

        // Another connection holds the write lock: the journal's batch waits for it, so alice's write stays in flight.
        await using var blocker = new SqliteConnection($"Data Source={JournalFile}");
        await blocker.OpenAsync();
        await using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();
        }

        var batchesBefore = Components.Metrics.Batches;
        var call = Gateway.SendAsync(Alice, new SetNote("written while stopping"));
        await Deadline.Until(() => Components.Metrics.Batches > batchesBefore, "the journal to start writing alice's batch", Deadline.Long);
        Assert.False(call.IsCompleted, "the write must still be in flight while the database is locked");
        Sys.Stop(entity);

        var error = await Assert.ThrowsAsync<UserGatewayException>(() => Deadline.Within(call, "the stopped entity's answer", Deadline.Long));
        Assert.Equal(UserGatewayFailure.Unavailable, error.Failure);
        Assert.Contains("may or may not have taken effect", error.Message, StringComparison.Ordinal);

        // Release the database: the batch goes through (after a retry if it hit the busy timeout), which is why the
        // answer says the outcome is unknown.
        await using (var rollback = blocker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        Time.Advance(TimeSpan.FromSeconds(5));
        await Deadline.Until(() => HighestSequenceNr(Alice).GetAwaiter().GetResult() > written, "the retried write to be stored", Deadline.Long);
        Assert.Equal("written while stopping", (await Query<PresenceReply>(Alice, new GetPresence(Alice))).View!.Note);
    }
}
