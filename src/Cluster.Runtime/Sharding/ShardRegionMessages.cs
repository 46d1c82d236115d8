using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Sharding;

/// <summary>Commands a shard region accepts from the cluster layer and from the node's shutdown.</summary>
public interface IShardRegionCommand;

/// <summary>Queries a shard region answers (Akka's IShardRegionQuery).</summary>
public interface IShardRegionQuery;

/// <summary>
/// Sent by an entity to its parent (the shard) to stop without losing messages (Akka's ShardRegion.Passivate): the
/// shard sends <see cref="StopMessage"/> to the entity, buffers messages that arrive for it meanwhile, and once it
/// has stopped starts it again and delivers them if there are any.
/// </summary>
public sealed record Passivate
{
    public Passivate(object stopMessage)
    {
        ArgumentNullException.ThrowIfNull(stopMessage);
        StopMessage = stopMessage;
    }

    /// <summary>What the entity receives to stop; it must stop itself when it handles it (PoisonPill does).</summary>
    public object StopMessage { get; }
}

/// <summary>
/// First step of moving a shard (Akka's BeginHandOff), sent to every region of the type: forget where the shard
/// lives, so that new messages for it are buffered and its home is asked for again. Answered with
/// <see cref="BeginHandOffAck"/>. The owning region keeps its shard running until <see cref="HandOff"/>.
/// </summary>
public sealed record BeginHandOff(string ShardId) : IShardRegionCommand;

/// <summary>Answer to <see cref="BeginHandOff"/>.</summary>
public sealed record BeginHandOffAck(string ShardId);

/// <summary>
/// Second step of moving a shard (Akka's HandOff), sent to the region that hosts it: the shard sends every entity its
/// hand-off stop message and stops once they all stopped; messages for the shard are buffered meanwhile and then
/// sent to the home the locator names. Answered with <see cref="ShardStopped"/> (at once if the shard is not here).
/// </summary>
public sealed record HandOff(string ShardId) : IShardRegionCommand;

/// <summary>Answer to <see cref="HandOff"/>: every entity of the shard has stopped on this region.</summary>
public sealed record ShardStopped(string ShardId);

/// <summary>
/// Stops shards at once, without the hand-off stop message and without waiting for entities to finish anything
/// (the cluster layer sends it when this node has lost the right to host them: it fenced itself, or a shard's
/// lease lapsed). Messages the shards held are rejected; the region forgets where the shards live, so later messages
/// ask the locator again. <see cref="ShardIds"/> null means every shard of the region. Answered with
/// <see cref="ShardsStopped"/> once every named shard that was running has terminated (its entities first).
/// </summary>
public sealed record StopShards(IReadOnlyCollection<string>? ShardIds, string Reason) : IShardRegionCommand;

/// <summary>Answer to <see cref="StopShards"/>: these shards were running and have terminated with their entities.</summary>
public sealed record ShardsStopped(IReadOnlyList<string> ShardIds);

/// <summary>
/// Hands off every shard of the region, then stops the region (Akka's GracefulShutdown); what coordinated shutdown
/// sends in phase <c>cluster-sharding-shutdown-region</c>. Messages arriving meanwhile are rejected.
/// </summary>
public sealed class GracefulShutdown : IShardRegionCommand
{
    public static readonly GracefulShutdown Instance = new();
    private GracefulShutdown() { }
    public override string ToString() => "GracefulShutdown";
}

/// <summary>Asks for the shards of this region and their active entities; answered with <see cref="CurrentShardRegionState"/>.</summary>
public sealed class GetShardRegionState : IShardRegionQuery
{
    public static readonly GetShardRegionState Instance = new();
    private GetShardRegionState() { }
    public override string ToString() => "GetShardRegionState";
}

/// <summary>Active entity ids per shard of one region; <see cref="Failed"/> lists shards that did not answer in time.</summary>
public sealed record CurrentShardRegionState(IReadOnlyDictionary<string, IReadOnlyList<string>> Shards, IReadOnlyList<string> Failed);

/// <summary>Asks for the number of active entities per shard; answered with <see cref="ShardRegionStats"/>.</summary>
public sealed class GetShardRegionStats : IShardRegionQuery
{
    public static readonly GetShardRegionStats Instance = new();
    private GetShardRegionStats() { }
    public override string ToString() => "GetShardRegionStats";
}

/// <summary>Active entities per shard of one region; <see cref="Failed"/> lists shards that did not answer in time.</summary>
public sealed record ShardRegionStats(IReadOnlyDictionary<string, int> Stats, IReadOnlyList<string> Failed)
{
    /// <summary>Active entities over all shards that answered.</summary>
    public int EntityCount => Stats.Values.Sum();
}

/// <summary>Asks every known region of the type for its <see cref="ShardRegionStats"/>; answered with <see cref="ClusterShardingStats"/>.</summary>
public sealed record GetClusterShardingStats(TimeSpan Timeout) : IShardRegionQuery;

/// <summary>Statistics per node (region address); regions that did not answer within the timeout are missing.</summary>
public sealed record ClusterShardingStats(IReadOnlyDictionary<Address, ShardRegionStats> Regions);

/// <summary>Asks for the addresses of the regions of the type this region knows of; answered with <see cref="CurrentRegions"/>.</summary>
public sealed class GetCurrentRegions : IShardRegionQuery
{
    public static readonly GetCurrentRegions Instance = new();
    private GetCurrentRegions() { }
    public override string ToString() => "GetCurrentRegions";
}

/// <summary>Addresses of the regions of one type, this one included.</summary>
public sealed record CurrentRegions(IReadOnlyList<Address> Regions);

/// <summary>Asks where an entity lives and whether it is running; answered with <see cref="EntityLocation"/>. Starts nothing.</summary>
public sealed record GetEntityLocation(string EntityId) : IShardRegionQuery;

/// <summary>The shard of an entity, the region (node) hosting that shard, and whether the entity is active there now.</summary>
public sealed record EntityLocation(string EntityId, string ShardId, Address Node, IActorRef Region, bool IsActive);
