using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Sharding;

/// <summary>
/// The answer of an <see cref="IShardLocator"/>: the region that hosts a shard. A region that receives its own
/// reference hosts the shard itself; any other reference is a region of the same type elsewhere (another node, or
/// another actor system in the same process), to which messages for the shard are forwarded with their sender.
/// </summary>
public sealed record ShardHome
{
    public ShardHome(IActorRef region)
    {
        ArgumentNullException.ThrowIfNull(region);
        Region = region;
    }

    public IActorRef Region { get; }

    /// <summary>True when <paramref name="region"/> is the home itself.</summary>
    public bool IsHostedBy(IActorRef region) => Region.Equals(region);
}
