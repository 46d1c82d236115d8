using System.Globalization;

namespace Cluster.Runtime.Sharding;

/// <summary>
/// The usual extractor (Akka's HashCodeMessageExtractor): the shard of an entity is a stable hash of its id
/// (<see cref="StableHash.Fnv1a32(string)"/>) modulo <see cref="MaxNumberOfShards"/>, written in decimal ("0" to
/// "N-1"). Subclasses say how to find the entity id; <see cref="ShardingEnvelope"/> is understood out of the box.
/// </summary>
public abstract class HashCodeMessageExtractor : IMessageExtractor
{
    private readonly string[] shardIds;

    protected HashCodeMessageExtractor(int maxNumberOfShards)
    {
        if (maxNumberOfShards is < 1 or > ClusterShardingSettings.MaxNumberOfShards)
            throw new ArgumentOutOfRangeException(nameof(maxNumberOfShards), maxNumberOfShards,
                $"The number of shards must be between 1 and {ClusterShardingSettings.MaxNumberOfShards}.");
        MaxNumberOfShards = maxNumberOfShards;
        shardIds = new string[maxNumberOfShards];
        for (var i = 0; i < shardIds.Length; i++) shardIds[i] = i.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The number of shards; must equal <see cref="ClusterShardingSettings.NumberOfShards"/> of the type.</summary>
    public int MaxNumberOfShards { get; }

    /// <summary>
    /// An extractor that understands <see cref="ShardingEnvelope"/> and, optionally, message types that carry their
    /// own entity id (<paramref name="entityIdOf"/> returns null for the rest).
    /// </summary>
    public static HashCodeMessageExtractor Create(int maxNumberOfShards, Func<object, string?>? entityIdOf = null) =>
        new DelegateExtractor(maxNumberOfShards, entityIdOf);

    /// <summary>The entity id of messages that are not <see cref="ShardingEnvelope"/>s; null when there is none.</summary>
    protected abstract string? EntityIdOf(object message);

    public string? EntityId(object message) => message switch
    {
        null => throw new ArgumentNullException(nameof(message)),
        ShardingEnvelope envelope => envelope.EntityId,
        _ => EntityIdOf(message),
    };

    public virtual object EntityMessage(object message) => message is ShardingEnvelope envelope ? envelope.Message : message;

    public string ShardId(object message) => EntityId(message) is { } entityId
        ? ShardId(entityId)
        : throw new ArgumentException($"A message of type {message.GetType().FullName} names no entity, so it has no shard.", nameof(message));

    public string ShardId(string entityId)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        return shardIds[StableHash.Fnv1a32(entityId) % (uint)MaxNumberOfShards];
    }

    private sealed class DelegateExtractor(int maxNumberOfShards, Func<object, string?>? entityIdOf)
        : HashCodeMessageExtractor(maxNumberOfShards)
    {
        protected override string? EntityIdOf(object message) => entityIdOf?.Invoke(message);
    }
}
