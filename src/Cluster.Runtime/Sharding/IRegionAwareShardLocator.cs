using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Sharding;

/// <summary>
/// A locator that must know the regions it places shards for, before any message arrives: the cluster locator
/// moves shards away when membership changes (it needs the region to hand them off) and hands every shard off
/// before the node leaves. <see cref="ClusterSharding"/> calls these hooks; a plain <see cref="IShardLocator"/>
/// does not need them.
/// </summary>
public interface IRegionAwareShardLocator : IShardLocator
{
    /// <summary>The region of <paramref name="typeName"/> was started on this node with <paramref name="settings"/>.</summary>
    void RegionStarted(string typeName, IActorRef region, ClusterShardingSettings settings);

    /// <summary>
    /// Coordinated shutdown phase <c>cluster-sharding-shutdown-region</c> is about to stop the region of
    /// <paramref name="typeName"/>: move its shards elsewhere now. The region receives <see cref="GracefulShutdown"/>
    /// when the task completes (or fails), and the phase timeout bounds both.
    /// </summary>
    Task BeforeRegionShutdownAsync(string typeName, CancellationToken cancellationToken);
}
