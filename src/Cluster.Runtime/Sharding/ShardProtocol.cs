using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Sharding;

/// <summary>Region → shard: stop every entity with the hand-off stop message, then report and stop.</summary>
internal sealed class HandOffShard
{
    public static readonly HandOffShard Instance = new();
    private HandOffShard() { }
}

/// <summary>
/// Shard → region, just before the shard stops after a hand-off: the messages it still held (for passivating or
/// backing-off entities, or that reached it during the hand-off), in arrival order, so the region can deliver them
/// ahead of what it buffered since.
/// </summary>
internal sealed record ShardHandOffDone(string ShardId, IReadOnlyList<Envelope> Leftovers, int EntitiesStopped);

/// <summary>Region → shard: which entities are running (answered with <see cref="ShardStateReply"/>).</summary>
internal sealed class GetShardState
{
    public static readonly GetShardState Instance = new();
    private GetShardState() { }
}

internal sealed record ShardStateReply(string ShardId, IReadOnlyList<string> EntityIds);

/// <summary>Region → shard: is this entity running (answered with <see cref="EntityActiveReply"/>).</summary>
internal sealed record IsEntityActive(string EntityId);

internal sealed record EntityActiveReply(string EntityId, bool IsActive);
