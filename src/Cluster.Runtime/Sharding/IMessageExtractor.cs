namespace Cluster.Runtime.Sharding;

/// <summary>
/// Tells sharding which entity a message is for and which shard that entity lives in (Akka's IMessageExtractor).
/// Every node must map an entity id to the same shard for the life of the cluster, so implementations must be
/// deterministic across processes: never use <see cref="string.GetHashCode()"/>, which is randomized per process.
/// </summary>
public interface IMessageExtractor
{
    /// <summary>The entity the message is for, or null when the message is not for any entity (it is then rejected).</summary>
    string? EntityId(object message);

    /// <summary>What the entity receives, e.g. the payload of a <see cref="ShardingEnvelope"/>.</summary>
    object EntityMessage(object message);

    /// <summary>The shard of the entity the message is for.</summary>
    string ShardId(object message);

    /// <summary>The shard of <paramref name="entityId"/>; equal to <see cref="ShardId(object)"/> for its messages.</summary>
    string ShardId(string entityId);
}
