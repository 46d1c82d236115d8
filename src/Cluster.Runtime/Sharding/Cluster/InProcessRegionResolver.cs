using System.Collections.Concurrent;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Sharding.Cluster;

/// <summary>
/// A region directory for several actor systems in one process, each standing for a node at a
/// <see cref="NodeAddress"/> (tests, benchmarks, single-process demos): the region of a member is the region its
/// system started, found through <see cref="ClusterSharding.TryGetShardRegion"/>. Local references work across
/// systems in one process, so regions reach each other without remoting.
/// </summary>
public sealed class InProcessRegionResolver : IRegionResolver
{
    private readonly ConcurrentDictionary<NodeAddress, ActorSystem> systems = new();

    /// <summary>Makes <paramref name="system"/> the node at <paramref name="address"/>.</summary>
    public void Register(NodeAddress address, ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        systems[address] = system;
    }

    public void Unregister(NodeAddress address) => systems.TryRemove(address, out _);

    public IActorRef? ResolveRegion(UniqueAddress member, string typeName)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        if (!systems.TryGetValue(member.Address, out var system) || system.WhenTerminated.IsCompleted) return null;
        return system.GetExtension<ClusterSharding>() is { } sharding && sharding.TryGetShardRegion(typeName, out var region) ? region : null;
    }
}
