using Cluster.Runtime.Sharding;

namespace Cluster.Actors.Users.Entity;

/// <summary>
/// Places user entities: the entity id is the canonical address (<c>user@domain</c>, lower-cased) and the shard is
/// its stable hash, so every node agrees where a user lives. Understands <see cref="UserEnvelope"/> and the generic
/// <see cref="ShardingEnvelope"/>; anything else names no entity and is rejected by the region with a log line.
/// </summary>
public sealed class UserMessageExtractor(int numberOfShards) : HashCodeMessageExtractor(numberOfShards)
{
    protected override string? EntityIdOf(object message) => message is UserEnvelope envelope ? envelope.User.ToString() : null;

    public override object EntityMessage(object message) =>
        message is UserEnvelope envelope ? envelope.Message : base.EntityMessage(message);
}
