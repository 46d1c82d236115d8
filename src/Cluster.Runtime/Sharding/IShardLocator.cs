using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Sharding;

/// <summary>
/// Where a shard lives: the seam between a shard region and whatever decides placement (Akka's shard coordinator).
/// On one node every shard is local (<see cref="LocalShardLocator"/>); the cluster layer implements this with
/// rendezvous hashing over Up members and a per-shard lease, and answers only once the shard may be hosted there,
/// which is how it holds messages back during a hand-off.
/// </summary>
/// <remarks>
/// A region asks once per shard and caches the answer until told otherwise (<see cref="BeginHandOff"/> or
/// <see cref="HandOff"/>). A task that faults or takes longer than <c>shard-start-timeout</c> is retried after
/// <c>retry-interval</c>; messages for the shard stay buffered meanwhile. Implementations must be thread-safe.
/// </remarks>
public interface IShardLocator
{
    /// <summary>The region that hosts <paramref name="shardId"/>, possibly <paramref name="requestingRegion"/> itself.</summary>
    /// <param name="typeName">The entity type of the asking region.</param>
    /// <param name="shardId">The shard.</param>
    /// <param name="requestingRegion">The region asking; return it to have it host the shard.</param>
    /// <param name="cancellationToken">Fires after <c>shard-start-timeout</c>.</param>
    Task<ShardHome> GetHomeAsync(string typeName, string shardId, IActorRef requestingRegion, CancellationToken cancellationToken);
}
