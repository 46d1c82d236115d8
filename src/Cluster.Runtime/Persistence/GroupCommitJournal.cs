using System.Threading.Channels;
using Cluster.Runtime.Persistence.Serialization;
using Serilog;

namespace Cluster.Runtime.Persistence;

/// <summary>
/// The journal every plugin shares: serializes on the caller's thread, queues writes in a bounded channel and lets
/// one writer loop commit up to <see cref="JournalSettings.MaxBatchSize"/> atomic writes per database transaction
/// (group commit), so thousands of actors each persisting one event cost a few transactions, not thousands.
/// </summary>
/// <remarks>
/// <para>Per write: serialization failure = <see cref="WriteOutcome.Rejected"/> before anything is queued; a
/// sequence number held by another writer = <see cref="WriteOutcome.Failed"/> with
/// <see cref="JournalConflictException"/> for that write only; a transient database error retries the whole batch
/// <see cref="JournalSettings.BatchRetries"/> times with doubling backoff, then fails every write of the batch.</para>
/// <para>Two writes of the same persistence id and sequence number in one batch would conflict with each other, so
/// the later one is held back to the next batch, where it meets the committed row and gets the conflict.</para>
/// </remarks>
internal sealed class GroupCommitJournal : IJournal
{
    private readonly IJournalBackend backend;
    private readonly SerializerRegistry registry;
    private readonly JournalSettings settings;
    private readonly ILogger log;
    private readonly TimeProvider time;
    private readonly Channel<PendingWrite[]> queue;
    private readonly Task writerLoop;
    private int disposed;

    public GroupCommitJournal(IJournalBackend backend, SerializerRegistry registry, JournalSettings settings, ILogger logger,
        TimeProvider? timeProvider = null)
    {
        this.backend = backend ?? throw new ArgumentNullException(nameof(backend));
        this.registry = registry ?? throw new ArgumentNullException(nameof(registry));
        this.settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validate();
        log = (logger ?? throw new ArgumentNullException(nameof(logger))).ForContext<GroupCommitJournal>();
        time = timeProvider ?? TimeProvider.System;
        queue = Channel.CreateBounded<PendingWrite[]>(new BoundedChannelOptions(settings.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        writerLoop = Task.Run(RunWriterAsync);
    }

    public JournalMetrics Metrics { get; } = new();

    internal CommitSignal Commits { get; } = new();

    internal IJournalBackend Backend => backend;

    public async Task<IReadOnlyList<WriteResult>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var results = new WriteResult[writes.Count];
        var pending = new List<PendingWrite>(writes.Count);
        var created = time.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i] ?? throw new ArgumentException($"write {i} is null", nameof(writes));
            try
            {
                pending.Add(new PendingWrite(i, Serialize(write, created)));
            }
            catch (PayloadSerializationException ex)
            {
                Metrics.AddRejected();
                log.Warning(ex, "Journal rejected write of {PersistenceId} sequence numbers {From}-{To}: not serializable",
                    write.PersistenceId, write.LowestSequenceNr, write.HighestSequenceNr);
                results[i] = WriteResult.Rejected(ex);
            }
        }
        if (pending.Count > 0)
        {
            try
            {
                await queue.Writer.WriteAsync(pending.ToArray(), cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                throw new ObjectDisposedException(nameof(GroupCommitJournal), "the journal was disposed while the write waited for the queue");
            }
            foreach (var p in pending) results[p.Index] = await p.Completion.Task.ConfigureAwait(false);
        }
        return results;
    }

    public async Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<PersistentRepresentation> onReplayed, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(onReplayed);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var from = Math.Max(1, fromSequenceNr);
        var remaining = max;
        while (remaining > 0 && from <= toSequenceNr)
        {
            var limit = (int)Math.Min(settings.ReplayPageSize, remaining);
            var page = await backend.ReadEventsAsync(persistenceId, from, toSequenceNr, limit, cancellationToken).ConfigureAwait(false);
            foreach (var row in page) onReplayed(ToRepresentation(row));
            if (page.Count < limit) break;
            remaining -= page.Count;
            from = page[^1].SequenceNr + 1;
        }
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        return backend.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);
    }

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentOutOfRangeException.ThrowIfNegative(toSequenceNr);
        return toSequenceNr == 0 ? Task.CompletedTask : backend.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);
    }

    /// <summary>Stops taking writes, commits what is queued, then closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        queue.Writer.TryComplete();
        await writerLoop.ConfigureAwait(false);
        await backend.DisposeAsync().ConfigureAwait(false);
    }

    internal PersistentRepresentation ToRepresentation(StoredEvent row) =>
        new(registry.Deserialize(row.Manifest, row.Payload, row.PersistenceId), row.PersistenceId, row.SequenceNr, row.WriterUuid, row.Tags)
        {
            Manifest = row.Manifest,
            Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedMs),
            Deleted = row.Deleted,
        };

    private SerializedWrite Serialize(AtomicWrite write, long createdMs)
    {
        var events = new StoredEvent[write.Count];
        for (var i = 0; i < events.Length; i++)
        {
            var e = write.Payload[i];
            var payload = registry.Serialize(e.Payload);
            events[i] = new StoredEvent(0, e.PersistenceId, e.SequenceNr, createdMs, e.Tags, payload.Manifest, payload.Bytes, e.WriterUuid, false);
        }
        return new SerializedWrite(events);
    }

    private async Task RunWriterAsync()
    {
        var reader = queue.Reader;
        var batch = new List<PendingWrite>(settings.MaxBatchSize);
        var heldBack = new List<PendingWrite>();
        var keys = new HashSet<(string, long)>();
        while (true)
        {
            if (heldBack.Count == 0 && !await reader.WaitToReadAsync().ConfigureAwait(false)) break;
            batch.Clear();
            batch.AddRange(heldBack);
            heldBack.Clear();
            while (batch.Count < settings.MaxBatchSize && reader.TryRead(out var request)) batch.AddRange(request);
            try
            {
                HoldBackDuplicates(batch, heldBack, keys);
                await CommitAsync(batch).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // A bug here must not leave callers waiting forever: fail what is in hand and keep serving.
                log.Fatal(ex, "Journal writer loop failed on a batch of {Writes} writes", batch.Count + heldBack.Count);
                foreach (var p in batch.Concat(heldBack)) p.Completion.TrySetResult(WriteResult.Failed(ex));
                heldBack.Clear();
            }
        }
    }

    private static void HoldBackDuplicates(List<PendingWrite> batch, List<PendingWrite> heldBack, HashSet<(string, long)> keys)
    {
        keys.Clear();
        var kept = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var p = batch[i];
            var duplicate = false;
            foreach (var e in p.Write.Events)
            {
                if (keys.Contains((e.PersistenceId, e.SequenceNr))) { duplicate = true; break; }
            }
            if (duplicate) { heldBack.Add(p); continue; }
            foreach (var e in p.Write.Events) keys.Add((e.PersistenceId, e.SequenceNr));
            batch[kept++] = p;
        }
        batch.RemoveRange(kept, batch.Count - kept);
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        Metrics.AddBatch();
        var writes = new SerializedWrite[batch.Count];
        for (var i = 0; i < writes.Length; i++) writes[i] = batch[i].Write;
        var backoff = settings.BatchRetryBackoff;
        for (var attempt = 0; ; attempt++)
        {
            long[] conflicts;
            try
            {
                conflicts = await backend.WriteBatchAsync(writes, Metrics, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < settings.BatchRetries && backend.IsTransient(ex))
            {
                Metrics.AddRetry();
                log.Warning(ex, "Journal batch of {Writes} writes failed (attempt {Attempt} of {Attempts}); retrying in {Backoff}",
                    writes.Length, attempt + 1, settings.BatchRetries + 1, backoff);
                await Task.Delay(backoff, time).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, settings.BatchRetryMaxBackoff.Ticks));
                continue;
            }
            catch (Exception ex)
            {
                Metrics.AddFailed(writes.Length);
                log.Error(ex, "Journal batch of {Writes} writes failed after {Attempts} attempts; failing every write of it (first: {PersistenceId})",
                    writes.Length, attempt + 1, writes[0].PersistenceId);
                foreach (var p in batch) p.Completion.TrySetResult(WriteResult.Failed(ex));
                return;
            }
            Complete(batch, conflicts);
            return;
        }
    }

    private void Complete(List<PendingWrite> batch, long[] conflicts)
    {
        int committedWrites = 0, committedEvents = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var p = batch[i];
            if (conflicts[i] == 0)
            {
                committedWrites++;
                committedEvents += p.Write.Events.Count;
                p.Completion.TrySetResult(WriteResult.Ok);
                continue;
            }
            Metrics.AddConflict();
            var conflict = new JournalConflictException(p.Write.PersistenceId, conflicts[i], p.Write.WriterUuid);
            log.Error("{Message}", conflict.Message);
            p.Completion.TrySetResult(WriteResult.Failed(conflict));
        }
        Metrics.AddCommitted(committedWrites, committedEvents);
        if (committedWrites > 0) Commits.Notify();
    }

    private sealed class PendingWrite(int index, SerializedWrite write)
    {
        public int Index { get; } = index;

        public SerializedWrite Write { get; } = write;

        public TaskCompletionSource<WriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
