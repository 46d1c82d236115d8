using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Sharding;

/// <summary>
/// Moving shards away (the cluster layer's <see cref="BeginHandOff"/> and <see cref="HandOff"/>, Akka's protocol)
/// and stopping the region gracefully (<see cref="GracefulShutdown"/>, run by coordinated shutdown).
/// </summary>
internal sealed partial class ShardRegion
{
    /// <summary>Shards whose local incarnation has been told to hand off and has not terminated yet.</summary>
    private readonly HashSet<string> handingOff = new(StringComparer.Ordinal);

    /// <summary>Who asked for each hand-off in progress; each gets <see cref="ShardStopped"/>.</summary>
    private readonly Dictionary<string, List<IActorRef>> handOffRequesters = new(StringComparer.Ordinal);

    private bool shuttingDown;
    private int entitiesStopped;

    private void HandleCommand(IShardRegionCommand command)
    {
        switch (command)
        {
            case BeginHandOff begin:
                OnBeginHandOff(begin.ShardId);
                break;
            case HandOff handOff:
                OnHandOff(handOff.ShardId);
                break;
            case GracefulShutdown:
                OnGracefulShutdown();
                break;
            case StopShards stop:
                OnStopShards(stop);
                break;
            default:
                Log.Warning("Sharding region {TypeName} does not know the command {Command}; ignored", typeName, command.GetType().FullName);
                break;
        }
    }

    private void OnBeginHandOff(string shardId)
    {
        ArgumentException.ThrowIfNullOrEmpty(shardId);
        regionByShard.Remove(shardId);
        ForgetHomeRequest(shardId);
        if (buffers.ContainsKey(shardId) && !handingOff.Contains(shardId) && !shuttingDown) RequestHome(shardId);
        Log.Debug("Shard {ShardId} of {TypeName}: hand-off begins, its home is asked for again", shardId, typeName);
        Sender.Tell(new BeginHandOffAck(shardId), Self);
    }

    private void OnHandOff(string shardId)
    {
        ArgumentException.ThrowIfNullOrEmpty(shardId);
        regionByShard.Remove(shardId);
        ForgetHomeRequest(shardId);
        if (!shards.TryGetValue(shardId, out var shard))
        {
            Sender.Tell(new ShardStopped(shardId), Self);
            return;
        }
        if (!handOffRequesters.TryGetValue(shardId, out var requesters)) handOffRequesters[shardId] = requesters = [];
        requesters.Add(Sender);
        if (handingOff.Add(shardId))
        {
            Log.Information("Handing off shard {ShardId} of {TypeName}", shardId, typeName);
            shard.Tell(HandOffShard.Instance, Self);
        }
    }

    private void OnShardHandOffDone(ShardHandOffDone done)
    {
        entitiesStopped += done.EntitiesStopped;
        if (done.Leftovers.Count == 0) return;
        if (shuttingDown)
        {
            foreach (var e in done.Leftovers)
                rejecter.Reject(e.Message, e.Sender, Self, new ShardDeliveryException($"the sharding region of {typeName} is shutting down"));
            return;
        }
        // The shard held these before the region started buffering for it, so they go first.
        if (!buffers.TryGetValue(done.ShardId, out var buffer)) buffers[done.ShardId] = buffer = [];
        buffer.InsertRange(0, done.Leftovers);
        totalBuffered += done.Leftovers.Count;
    }

    private void OnShardTerminated(IActorRef shard)
    {
        if (!shardIdByRef.Remove(shard, out var shardId)) return;
        shards.Remove(shardId);
        var forced = forceStopping.Remove(shardId);
        if (forced) CompleteForcedStop(shardId);
        if (handingOff.Remove(shardId))
        {
            if (handOffRequesters.Remove(shardId, out var requesters))
                foreach (var requester in requesters) requester.Tell(new ShardStopped(shardId), Self);
            if (forced) Log.Information("Shard {ShardId} of {TypeName} stopped", shardId, typeName);
            else Log.Information("Shard {ShardId} of {TypeName} handed off", shardId, typeName);
        }
        else if (!shuttingDown)
        {
            Log.Warning("Shard {ShardId} of {TypeName} stopped unexpectedly; its next message starts it again", shardId, typeName);
        }
        if (shuttingDown)
        {
            if (shards.Count == 0) Context.Stop(Self);
            return;
        }
        if (!buffers.ContainsKey(shardId)) return;
        if (regionByShard.ContainsKey(shardId)) FlushBuffer(shardId);
        else RequestHome(shardId);
    }

    private void OnGracefulShutdown()
    {
        if (shuttingDown) return;
        shuttingDown = true;
        Log.Information("Sharding region {TypeName} shutting down: handing off {Count} shards", typeName, shards.Count);
        RejectAllBuffered("the sharding region is shutting down");
        homeRequests.Clear();
        retryScheduled.Clear();
        foreach (var (shardId, shard) in shards)
            if (handingOff.Add(shardId)) shard.Tell(HandOffShard.Instance, Self);
        if (shards.Count == 0) Context.Stop(Self);
    }
}
