using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Sharding;

/// <summary>
/// Forced stops (<see cref="StopShards"/>): the cluster layer's answer to losing the right to host shards. Unlike a
/// hand-off, entities get no stop message and no time: the shard actor is stopped, which stops its entities first.
/// A forced shard counts as "still stopping" (like one being handed off) until it has terminated, so messages for it
/// wait in the region and only then ask the locator for the shard's home.
/// </summary>
internal sealed partial class ShardRegion
{
    /// <summary>Shards stopped by <see cref="StopShards"/> that have not terminated yet (also in <c>handingOff</c>).</summary>
    private readonly HashSet<string> forceStopping = new(StringComparer.Ordinal);

    private readonly List<PendingStop> pendingStops = [];

    private void OnStopShards(StopShards command)
    {
        ArgumentNullException.ThrowIfNull(command.Reason);
        var ids = command.ShardIds?.ToList() ?? shards.Keys.ToList();
        var waiting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var shardId in ids)
        {
            regionByShard.Remove(shardId);
            ForgetHomeRequest(shardId);
            if (!shards.TryGetValue(shardId, out var shard)) continue;
            waiting.Add(shardId);
            if (!forceStopping.Add(shardId)) continue;
            handingOff.Add(shardId);
            Context.Stop(shard);
        }
        if (waiting.Count > 0)
            Log.Warning("Sharding region {TypeName} stops {Count} shards at once: {Reason}", typeName, waiting.Count, command.Reason);
        var requester = Sender;
        if (waiting.Count == 0)
        {
            Reply(requester, new ShardsStopped([]));
            return;
        }
        pendingStops.Add(new PendingStop(requester, waiting, [.. waiting]));
    }

    private void CompleteForcedStop(string shardId)
    {
        for (var i = pendingStops.Count - 1; i >= 0; i--)
        {
            var pending = pendingStops[i];
            if (!pending.Waiting.Remove(shardId) || pending.Waiting.Count > 0) continue;
            pendingStops.RemoveAt(i);
            Reply(pending.Requester, new ShardsStopped(pending.Stopped));
        }
    }

    /// <summary>Commands sent without a sender get no answer (it would only become a dead letter).</summary>
    private void Reply(IActorRef requester, object answer)
    {
        if (!requester.Equals(Context.System.DeadLetters)) requester.Tell(answer, Self);
    }

    private sealed record PendingStop(IActorRef Requester, HashSet<string> Waiting, List<string> Stopped);
}
