namespace Cluster.Runtime.Persistence;

/// <summary>
/// Counters of one journal, cumulative since start, for the shell and for tests that check group commit actually
/// groups. Thread-safe; read at any time.
/// </summary>
public sealed class JournalMetrics
{
    private long batches;
    private long transactions;
    private long writesCommitted;
    private long eventsCommitted;
    private long rejected;
    private long conflicts;
    private long failed;
    private long retries;

    /// <summary>Batches the writer loop took from the queue.</summary>
    public long Batches => Interlocked.Read(ref batches);

    /// <summary>Write transactions issued (more than batches when a batch was retried or re-run after a conflict).</summary>
    public long Transactions => Interlocked.Read(ref transactions);

    public long WritesCommitted => Interlocked.Read(ref writesCommitted);

    public long EventsCommitted => Interlocked.Read(ref eventsCommitted);

    /// <summary>Atomic writes rejected because they could not be serialized.</summary>
    public long Rejected => Interlocked.Read(ref rejected);

    /// <summary>Atomic writes refused with <see cref="JournalConflictException"/>.</summary>
    public long Conflicts => Interlocked.Read(ref conflicts);

    /// <summary>Atomic writes failed by database errors after the retries.</summary>
    public long Failed => Interlocked.Read(ref failed);

    /// <summary>Batch retries after transient database errors.</summary>
    public long Retries => Interlocked.Read(ref retries);

    internal void AddBatch() => Interlocked.Increment(ref batches);

    internal void AddTransaction() => Interlocked.Increment(ref transactions);

    internal void AddCommitted(int writes, int events)
    {
        Interlocked.Add(ref writesCommitted, writes);
        Interlocked.Add(ref eventsCommitted, events);
    }

    internal void AddRejected() => Interlocked.Increment(ref rejected);

    internal void AddConflict() => Interlocked.Increment(ref conflicts);

    internal void AddFailed(int count) => Interlocked.Add(ref failed, count);

    internal void AddRetry() => Interlocked.Increment(ref retries);

    public override string ToString() =>
        $"batches={Batches} transactions={Transactions} writes={WritesCommitted} events={EventsCommitted} " +
        $"rejected={Rejected} conflicts={Conflicts} failed={Failed} retries={Retries}";
}
