using Cluster.Runtime.Kernel;
using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Sharding.Cluster;

/// <summary>
/// The region directory: turns a member and an entity type into a reference to that member's region of the type,
/// which lives at the well-known path <c>/system/sharding/&lt;type&gt;</c> on every node. With remoting this is a
/// remote reference built from the member's address (<see cref="ActorPathRegionResolver"/>); nodes simulated in one
/// process use <see cref="InProcessRegionResolver"/>. The cluster locator caches answers per member incarnation.
/// </summary>
public interface IRegionResolver
{
    /// <summary>
    /// The region of <paramref name="typeName"/> on <paramref name="member"/>, or null when it cannot be reached now
    /// (the locator asks again after <c>uc.sharding.cluster.lease-retry-interval</c>).
    /// </summary>
    IActorRef? ResolveRegion(UniqueAddress member, string typeName);
}
