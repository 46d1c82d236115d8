using System.Collections.Concurrent;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Sharding;

namespace Cluster.Runtime.Tests.Sharding.Support;

/// <summary>
/// Stands in for the cluster layer's placement: every shard lives at <see cref="DefaultHome"/> unless assigned
/// elsewhere, and a shard being moved gets no answer until <see cref="CompleteMove"/>, the way Akka's coordinator
/// holds GetShardHome during a rebalance.
/// </summary>
internal sealed class MovableShardLocator : IShardLocator
{
    private readonly object gate = new();
    private readonly Dictionary<string, IActorRef> homes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource<ShardHome>> moving = new(StringComparer.Ordinal);

    public IActorRef? DefaultHome { get; set; }

    public ConcurrentQueue<string> Requests { get; } = new();

    public Task<ShardHome> GetHomeAsync(string typeName, string shardId, IActorRef requestingRegion, CancellationToken cancellationToken)
    {
        Requests.Enqueue(shardId);
        lock (gate)
        {
            if (moving.TryGetValue(shardId, out var pending)) return pending.Task.WaitAsync(cancellationToken);
            return Task.FromResult(new ShardHome(homes.GetValueOrDefault(shardId) ?? DefaultHome ?? requestingRegion));
        }
    }

    /// <summary>From now on, requests for <paramref name="shardId"/> wait until <see cref="CompleteMove"/>.</summary>
    public void BeginMove(string shardId)
    {
        lock (gate) moving[shardId] = new TaskCompletionSource<ShardHome>(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void CompleteMove(string shardId, IActorRef newHome)
    {
        TaskCompletionSource<ShardHome> pending;
        lock (gate)
        {
            homes[shardId] = newHome;
            if (!moving.Remove(shardId, out pending!)) return;
        }
        pending.SetResult(new ShardHome(newHome));
    }
}
