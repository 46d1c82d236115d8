using Cluster.Runtime.Sharding;

namespace Cluster.Actors.Calls.Entity;

/// <summary>
/// Places call entities: the entity id is the call id (the caller's SIP Call-ID, or the id a click-to-dial chose) and the
/// shard is its stable hash, so every node agrees where a call lives. Understands <see cref="CallEnvelope"/> and the
/// generic <see cref="ShardingEnvelope"/>; anything else names no entity and is rejected by the region with a log line.
/// </summary>
public sealed class CallMessageExtractor(int numberOfShards) : HashCodeMessageExtractor(numberOfShards)
{
    protected override string? EntityIdOf(object message) => message is CallEnvelope envelope ? envelope.CallId : null;

    public override object EntityMessage(object message) =>
        message is CallEnvelope envelope ? envelope.Message : base.EntityMessage(message);
}
