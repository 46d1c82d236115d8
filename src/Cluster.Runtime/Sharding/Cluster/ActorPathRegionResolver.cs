using Cluster.Runtime.Kernel;
using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Sharding.Cluster;

/// <summary>
/// The region directory of a real cluster: the region of a member is the actor at
/// <c>uc://&lt;system&gt;@&lt;host&gt;:&lt;port&gt;/system/sharding/&lt;type&gt;</c> (every node runs an actor system of
/// the same name, as in Akka), resolved by the function remoting supplies (typically the provider's
/// <c>ResolveActorRef</c>, which yields a remote reference for another node's address).
/// </summary>
public sealed class ActorPathRegionResolver : IRegionResolver
{
    private readonly string systemName;
    private readonly Func<string, IActorRef?> resolve;

    /// <param name="systemName">Name of the actor system on every node.</param>
    /// <param name="resolve">Resolves an absolute actor path to a reference; null when it cannot.</param>
    public ActorPathRegionResolver(string systemName, Func<string, IActorRef?> resolve)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(systemName);
        ArgumentNullException.ThrowIfNull(resolve);
        this.systemName = systemName;
        this.resolve = resolve;
    }

    /// <summary>The absolute path of the region of <paramref name="typeName"/> on the node at <paramref name="node"/>.</summary>
    public static string RegionPath(string systemName, NodeAddress node, string typeName)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        return new Address(Address.DefaultProtocol, systemName, node.Host, node.Port) + "/system/sharding/" + EntityNames.Encode(typeName);
    }

    public IActorRef? ResolveRegion(UniqueAddress member, string typeName)
    {
        ArgumentNullException.ThrowIfNull(member);
        return resolve(RegionPath(systemName, member.Address, typeName));
    }
}
