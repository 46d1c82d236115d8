using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Sharding;

/// <summary>Asking the locator where shards live, and buffering their messages until it has answered.</summary>
internal sealed partial class ShardRegion
{
    /// <summary>Messages per shard waiting for a home (or for the shard's previous incarnation to stop), oldest first.</summary>
    private readonly Dictionary<string, List<Envelope>> buffers = new(StringComparer.Ordinal);

    /// <summary>Generation of the request in flight per shard; an answer for another generation is stale and ignored.</summary>
    private readonly Dictionary<string, long> homeRequests = new(StringComparer.Ordinal);

    /// <summary>Other regions of this type that host shards, for cluster-wide queries.</summary>
    private readonly HashSet<IActorRef> otherRegions = [];

    /// <summary>Shards whose last request failed and whose retry timer is running: no new request before it fires.</summary>
    private readonly HashSet<string> retryScheduled = new(StringComparer.Ordinal);

    private int totalBuffered;
    private long homeGeneration;

    private void BufferMessage(string shardId, object message, IActorRef? sender)
    {
        if (totalBuffered >= settings.BufferSize)
        {
            rejecter.Reject(message, sender, Self, new ShardBufferFullException(
                $"the sharding region of {typeName} already buffers {totalBuffered} messages (buffer-size) while shard homes are resolved or handed off; shard {shardId}"));
            return;
        }
        if (!buffers.TryGetValue(shardId, out var buffer)) buffers[shardId] = buffer = [];
        buffer.Add(new Envelope(message, sender));
        totalBuffered++;
        counters.MessageBuffered();
    }

    private void RequestHome(string shardId)
    {
        if (homeRequests.ContainsKey(shardId) || retryScheduled.Contains(shardId)) return;
        var generation = ++homeGeneration;
        homeRequests[shardId] = generation;
        var time = Context.System.Scheduler.TimeProvider;
        var timeout = new CancellationTokenSource(settings.ShardStartTimeout, time);
        Task<ShardHome> task;
        try
        {
            // The locator is told at shard-start-timeout (it may then give up with ShardHomeUnavailableException);
            // one that does not react within another retry-interval is no longer waited for.
            task = locator.GetHomeAsync(typeName, shardId, Self, timeout.Token).WaitAsync(settings.ShardStartTimeout + settings.RetryInterval, time);
        }
        catch (Exception e)
        {
            task = Task.FromException<ShardHome>(e);
        }
        if (task.IsCompleted)
        {
            // The local locator answers synchronously: deliver now instead of taking a detour through the mailbox.
            timeout.Dispose();
            Receive(Outcome(shardId, generation, task));
            return;
        }
        var self = Self;
        task.ContinueWith(t =>
        {
            timeout.Dispose();
            self.Tell(Outcome(shardId, generation, t), null);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static object Outcome(string shardId, long generation, Task<ShardHome> task) => task.Status switch
    {
        TaskStatus.RanToCompletion when task.Result is not null => new HomeResolved(shardId, task.Result, generation),
        TaskStatus.RanToCompletion => new HomeFailed(shardId, new InvalidOperationException("the shard locator answered null"), generation),
        TaskStatus.Faulted => new HomeFailed(shardId, task.Exception!.GetBaseException(), generation),
        _ => new HomeFailed(shardId, new TimeoutException("the shard locator did not answer within shard-start-timeout"), generation),
    };

    private void OnHomeResolved(HomeResolved resolved)
    {
        if (!homeRequests.TryGetValue(resolved.ShardId, out var generation) || generation != resolved.Generation) return;
        homeRequests.Remove(resolved.ShardId);
        var home = resolved.Home.Region;
        regionByShard[resolved.ShardId] = home;
        if (!home.Equals(Self))
        {
            otherRegions.Add(home);
            Log.Debug("Shard {ShardId} of {TypeName} is hosted by {Region}", resolved.ShardId, typeName, home.Path.ToString());
        }
        FlushBuffer(resolved.ShardId);
    }

    private void OnHomeFailed(HomeFailed failed)
    {
        if (!homeRequests.TryGetValue(failed.ShardId, out var generation) || generation != failed.Generation) return;
        homeRequests.Remove(failed.ShardId);
        if (failed.Cause is ShardHomeUnavailableException unavailable)
        {
            RejectBuffered(failed.ShardId, unavailable);
            return;
        }
        Log.Warning(failed.Cause, "Could not find the home of shard {ShardId} of {TypeName} ({Buffered} messages waiting): {Reason}; retrying in {RetryInterval}",
            failed.ShardId, typeName, buffers.TryGetValue(failed.ShardId, out var b) ? b.Count : 0, failed.Cause.Message, settings.RetryInterval);
        var retry = new RetryHome(failed.ShardId);
        retryScheduled.Add(failed.ShardId);
        Timers.StartSingleTimer(retry, retry, settings.RetryInterval);
    }

    private void OnRetryHome(string shardId)
    {
        retryScheduled.Remove(shardId);
        if (shuttingDown || !buffers.ContainsKey(shardId) || regionByShard.ContainsKey(shardId) || handingOff.Contains(shardId)) return;
        RequestHome(shardId);
    }

    /// <summary>Sends what waited for <paramref name="shardId"/> to its now known home, oldest first.</summary>
    private void FlushBuffer(string shardId)
    {
        if (!regionByShard.TryGetValue(shardId, out var home) || !buffers.TryGetValue(shardId, out var buffer)) return;
        if (home.Equals(Self) && handingOff.Contains(shardId)) return;   // flushed when the old incarnation has stopped
        buffers.Remove(shardId);
        totalBuffered -= buffer.Count;
        if (home.Equals(Self))
        {
            foreach (var e in buffer) DeliverLocal(shardId, e.Message, e.Sender);
        }
        else
        {
            foreach (var e in buffer) home.Tell(e.Message, e.Sender);
        }
    }

    /// <summary>Rejects what waits for one shard: the locator gave up placing it for now; the next message asks again.</summary>
    private void RejectBuffered(string shardId, ShardHomeUnavailableException cause)
    {
        if (!buffers.Remove(shardId, out var buffer)) return;
        totalBuffered -= buffer.Count;
        Log.Warning("Shard {ShardId} of {TypeName} has no home: {Reason}; {Count} waiting messages are rejected", shardId, typeName, cause.Message, buffer.Count);
        foreach (var e in buffer)
            rejecter.Reject(e.Message, e.Sender, Self, new ShardHomeUnavailableException($"shard {shardId} of {typeName} has no home: {cause.Message}"));
    }

    /// <summary>Rejects every buffered message (the region stops or restarts).</summary>
    private void RejectAllBuffered(string reason)
    {
        if (totalBuffered == 0) return;
        Log.Warning("Sharding region {TypeName}: {Count} buffered messages cannot be delivered: {Reason}", typeName, totalBuffered, reason);
        foreach (var buffer in buffers.Values)
            foreach (var e in buffer)
                rejecter.Reject(e.Message, e.Sender, Self, new ShardDeliveryException($"{reason} (type {typeName})"));
        buffers.Clear();
        totalBuffered = 0;
    }

    /// <summary>Forgets any pending request or retry for <paramref name="shardId"/>: its placement is changing.</summary>
    private void ForgetHomeRequest(string shardId)
    {
        homeRequests.Remove(shardId);   // an answer already on its way predates the change
        if (retryScheduled.Remove(shardId)) Timers.Cancel(new RetryHome(shardId));
    }

    private sealed record HomeResolved(string ShardId, ShardHome Home, long Generation);

    private sealed record HomeFailed(string ShardId, Exception Cause, long Generation);

    private sealed record RetryHome(string ShardId);
}
