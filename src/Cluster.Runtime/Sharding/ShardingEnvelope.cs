namespace Cluster.Runtime.Sharding;

/// <summary>
/// Wraps a message with the id of the entity it is for (Akka's ShardingEnvelope), for message types that do not
/// carry the id themselves. Extractors built with <see cref="HashCodeMessageExtractor.Create"/> unwrap it, so the
/// entity receives only <see cref="Message"/>.
/// </summary>
public sealed record ShardingEnvelope
{
    public ShardingEnvelope(string entityId, object message)
    {
        ArgumentException.ThrowIfNullOrEmpty(entityId);
        ArgumentNullException.ThrowIfNull(message);
        EntityId = entityId;
        Message = message;
    }

    public string EntityId { get; }

    public object Message { get; }
}
