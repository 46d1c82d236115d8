using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Membership;

/// <summary>
/// One row of <c>shard_lease</c>: who may host shard <see cref="ShardId"/> of entity type <see cref="TypeName"/>
/// until <see cref="ExpiresAt"/> (database time). <see cref="Epoch"/> grows with every change of owner (and every
/// re-acquisition after a lapse), so it works as a fencing token: a write tagged with an older epoch is stale.
/// </summary>
public sealed record ShardLease(
    string TypeName,
    string ShardId,
    UniqueAddress Owner,
    long Epoch,
    DateTimeOffset ExpiresAt,
    DateTimeOffset AcquiredAt);
