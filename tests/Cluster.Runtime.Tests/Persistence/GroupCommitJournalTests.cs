using Cluster.Runtime.Persistence;
using Cluster.TestSupport;
using Serilog.Events;

namespace Cluster.Runtime.Tests.Persistence;

/// <summary>The group-commit loop's own behaviour, driven through a backend that fails or holds batches on demand.</summary>
public class GroupCommitJournalTests
{
    private readonly LogCapture log = new(LogEventLevel.Debug);

    private GroupCommitJournal Create(FaultyJournalBackend backend, int retries = 3, int maxBatch = 1000) =>
        new(backend, TestEvents.Registry(), new JournalSettings
        {
            Plugin = PersistencePluginKind.InMemory,
            BatchRetries = retries,
            BatchRetryBackoff = TimeSpan.FromMilliseconds(1),
            BatchRetryMaxBackoff = TimeSpan.FromMilliseconds(4),
            MaxBatchSize = maxBatch,
        }, log.CreateLogger());

    [Fact]
    public async Task Writes_arriving_during_a_commit_are_committed_together_in_the_next_transaction()
    {
        var backend = new FaultyJournalBackend();
        await using var journal = Create(backend);
        backend.CloseGate();
        var first = journal.WriteAsync(TestEvents.Write("first", 1));
        await backend.BatchArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var rest = Enumerable.Range(0, 499).Select(i => journal.WriteAsync(TestEvents.Write($"w-{i}", 1))).ToList();
        backend.OpenGate();
        var results = await Task.WhenAll(rest.Prepend(first));

        Assert.All(results, r => Assert.True(r.IsOk, $"expected Ok, got {r.Outcome}: {r.Cause}"));
        Assert.Equal(new[] { 1, 499 }, backend.BatchSizes);
        Assert.Equal(2, journal.Metrics.Transactions);
    }

    [Fact]
    public async Task Max_batch_size_caps_the_writes_per_transaction()
    {
        var backend = new FaultyJournalBackend();
        await using var journal = Create(backend, maxBatch: 10);
        backend.CloseGate();
        var first = journal.WriteAsync(TestEvents.Write("first", 1));
        await backend.BatchArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var rest = Enumerable.Range(0, 25).Select(i => journal.WriteAsync(TestEvents.Write($"w-{i}", 1))).ToList();
        backend.OpenGate();
        await Task.WhenAll(rest.Prepend(first));

        Assert.Equal(new[] { 1, 10, 10, 5 }, backend.BatchSizes);
    }

    [Fact]
    public async Task Transient_failure_retries_the_whole_batch_then_succeeds()
    {
        var backend = new FaultyJournalBackend { FailuresLeft = 2 };
        await using var journal = Create(backend, retries: 3);

        var results = await journal.WriteMessagesAsync(new[] { TestEvents.Write("a", 1), TestEvents.Write("b", 1) });

        Assert.All(results, r => Assert.True(r.IsOk, $"expected Ok after retries, got {r.Outcome}: {r.Cause}"));
        Assert.Equal(3, backend.BatchCalls);
        Assert.Equal(2, journal.Metrics.Retries);
        Assert.Single(await journal.ReplayAllAsync("a"));
        Assert.Equal(2, log.Rendered(LogEventLevel.Warning).Count(m => m.Contains("retrying")));
    }

    [Fact]
    public async Task Persistent_failure_fails_every_write_of_the_batch_after_the_retries_and_logs_it()
    {
        var backend = new FaultyJournalBackend { FailuresLeft = int.MaxValue };
        await using var journal = Create(backend, retries: 2);

        var results = await journal.WriteMessagesAsync(new[] { TestEvents.Write("a", 1), TestEvents.Write("b", 1) });

        Assert.All(results, r =>
        {
            Assert.Equal(WriteOutcome.Failed, r.Outcome);
            Assert.IsType<SimulatedDatabaseException>(r.Cause);
        });
        Assert.Equal(3, backend.BatchCalls);
        Assert.Equal(2, journal.Metrics.Failed);
        Assert.Contains(log.Rendered(LogEventLevel.Error), m => m.Contains("failed after 3 attempts") && m.Contains("database unreachable"));
        Assert.Equal(0, await journal.ReadHighestSequenceNrAsync("a"));
    }

    [Fact]
    public async Task Non_transient_failure_is_not_retried()
    {
        var backend = new FaultyJournalBackend { FailuresLeft = 1, FailuresAreTransient = false };
        await using var journal = Create(backend, retries: 5);

        var result = await journal.WriteAsync(TestEvents.Write("a", 1));

        Assert.Equal(WriteOutcome.Failed, result.Outcome);
        Assert.Equal(1, backend.BatchCalls);
        Assert.True((await journal.WriteAsync(TestEvents.Write("a", 1))).IsOk, "the journal keeps serving after a failed batch");
    }
}
