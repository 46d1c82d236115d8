using System.Collections.Concurrent;
using Cluster.Runtime.Persistence.Query;
using Serilog;

namespace Cluster.Actors.Calls.Entity;

/// <summary>
/// The node's <see cref="ICallListing"/>: call entities on this node report their phase after every decision
/// (<see cref="Track"/>) and leave when they stop or end; ended calls' records come from the journal's
/// <see cref="CallManifests.RecordTag"/> stream (from offset 0 at start, then live), of which the newest
/// <see cref="Capacity"/> are kept in memory.
/// </summary>
public sealed class CallListing : ICallListing, IAsyncDisposable
{
    /// <summary>How many records are kept for <c>call list</c> / <c>call show</c> of ended calls.</summary>
    public const int Capacity = 10_000;

    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    private readonly IReadJournal journal;
    private readonly ILogger log;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, CallListingEntry> active = new(StringComparer.Ordinal);
    private readonly LinkedList<CallRecord> records = new();
    private readonly Dictionary<string, LinkedListNode<CallRecord>> byId = new(StringComparer.Ordinal);
    private readonly object gate = new();
    private readonly CancellationTokenSource stopping = new();
    private Task? running;
    private long offset;

    public CallListing(IReadJournal journal, ILogger log, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(log);
        this.journal = journal;
        this.log = log.ForContext("SourceContext", typeof(CallListing).FullName);
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>Starts following the record stream.</summary>
    public void Start()
    {
        lock (gate)
        {
            running ??= Task.Run(() => RunAsync(stopping.Token));
        }
    }

    /// <summary>A call entity of this node reports its state (ended calls leave the live list).</summary>
    public void Track(CallState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Started || state.IsEnded)
        {
            active.TryRemove(state.CallId, out _);
            return;
        }

        active[state.CallId] = new CallListingEntry(state.CallId, state.Phase, state.Caller, state.Callee, state.StartedAt, state.AnsweredAt, null, null);
    }

    /// <summary>A call entity of this node stopped (passivation, hand-off).</summary>
    public void Forget(string callId) => active.TryRemove(callId, out _);

    public IReadOnlyList<CallListingEntry> Active() =>
        [.. active.Values.OrderBy(e => e.StartedAt).ThenBy(e => e.CallId, StringComparer.Ordinal)];

    public IReadOnlyList<CallRecord> Recent(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        lock (gate)
        {
            return [.. records.Take(limit)];
        }
    }

    public CallRecord? Record(string callId)
    {
        lock (gate)
        {
            return byId.TryGetValue(callId, out var node) ? node.Value : null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        Task? task;
        lock (gate)
        {
            task = running;
        }

        if (task is not null)
        {
            await task.ConfigureAwait(false);
        }

        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var envelope in journal.EventsByTag(CallManifests.RecordTag, Interlocked.Read(ref offset), cancellationToken).ConfigureAwait(false))
                {
                    if (envelope.Event is CallRecorded recorded)
                    {
                        Add(recorded.Record);
                    }

                    Interlocked.Exchange(ref offset, envelope.Offset);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.Warning(e, "Call listing: reading tag {Tag} after offset {Offset} failed; retrying in {Retry}", CallManifests.RecordTag,
                    Interlocked.Read(ref offset), RetryInterval);
                try
                {
                    await Task.Delay(RetryInterval, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Add(CallRecord record)
    {
        lock (gate)
        {
            if (byId.Remove(record.CallId, out var old))
            {
                records.Remove(old);
            }

            byId[record.CallId] = records.AddFirst(record);
            while (records.Count > Capacity && records.Last is { } oldest)
            {
                byId.Remove(oldest.Value.CallId);
                records.RemoveLast();
            }
        }
    }
}
