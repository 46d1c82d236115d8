using Cluster.Actors.Users.Entity;
using Cluster.Node.Hosting;
using Cluster.Runtime.Hocon;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Remoting;
using Cluster.Runtime.Sharding.Cluster;
using Serilog;

namespace Cluster.Node.Clustering;

/// <summary>
/// Cluster mode of a node (<c>uc.cluster.enabled = on</c>): the actor system is reachable over remoting, membership
/// and shard leases live in the shared PostgreSQL database, the <c>user</c> region places its shards with the
/// <see cref="ClusterShardLocator"/>, and edge effects reach the routers of other members. Wiring only: each part is
/// a runtime subsystem. Start order follows the runtime's rule: membership and locator, then the regions, then join.
/// </summary>
public sealed class NodeCluster
{
    /// <summary>The switch; off = a single node.</summary>
    public const string EnabledPath = "uc.cluster.enabled";

    private readonly ActorSystem system;
    private readonly ILogger log;

    private NodeCluster(ActorSystem system, ClusterMembership membership, ClusterShardLocator locator, ILogger log)
    {
        this.system = system;
        Membership = membership;
        Locator = locator;
        this.log = log;
    }

    public ClusterMembership Membership { get; }

    public ClusterShardLocator Locator { get; }

    /// <summary>This node's remoting address (<c>host:port</c> other nodes dial).</summary>
    public NodeAddress Address => RemotingExtension.Get(system).LocalNode.Address;

    public static bool IsEnabled(Config config) => config.GetBoolean(EnabledPath);

    /// <summary>
    /// Cluster nodes share one journal: every node must be able to recover every entity. Refuses an embedded store
    /// with a configuration error naming the key.
    /// </summary>
    /// <exception cref="ConfigException">The journal or snapshot store is not PostgreSQL.</exception>
    public static void RequireSharedPersistence(Config config, PersistenceSettings persistence)
    {
        if (persistence.Journal.Plugin != PersistencePluginKind.PostgreSql)
        {
            throw config.Invalid("uc.persistence.journal.plugin",
                $"{EnabledPath} = on needs the journal shared by all nodes: set uc.persistence.journal.plugin = postgresql " +
                $"(and its connection-string), not {persistence.Journal.Plugin.ToString().ToLowerInvariant()}");
        }
        if (persistence.SnapshotStore.Plugin != PersistencePluginKind.PostgreSql)
        {
            throw config.Invalid("uc.persistence.snapshot-store.plugin",
                $"{EnabledPath} = on needs snapshots shared by all nodes: set uc.persistence.snapshot-store.plugin = postgresql, " +
                $"not {persistence.SnapshotStore.Plugin.ToString().ToLowerInvariant()}");
        }
    }

    /// <summary>The actor system with remoting bound to <c>uc.remote</c>'s host and port, and the cross-node messages registered.</summary>
    /// <exception cref="ConfigException">A <c>uc.remote</c> value is invalid.</exception>
    public static ActorSystem CreateSystem(Config config, ActorSystemSettings settings)
    {
        RemoteActorSettings remote;
        try
        {
            remote = RemoteActorSettings.FromConfig(config) with { RegisterMessages = NodeRemoteMessages.Register };
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(e.Message, e);
        }
        return RemoteActorSystem.Create(NodeHost.SystemName, remote, settings);
    }

    /// <summary>
    /// Starts membership (not yet joined) and the shard locator, and tells remoting when membership gives a node up,
    /// so death watch and asks towards it end at once instead of after <c>uc.remote.actor.address-terminated-after</c>.
    /// Call <see cref="JoinAsync"/> once the regions are started.
    /// </summary>
    /// <exception cref="ConfigException">A <c>uc.cluster</c> or <c>uc.sharding.cluster</c> value is invalid.</exception>
    public static NodeCluster Start(ActorSystem system, Config config, NodeSettings node, ILogger log)
    {
        var settings = ClusterSettings.FromConfig(config);
        var placement = ClusterPlacementSettings.FromConfig(config);
        var remoting = RemotingExtension.Get(system);
        var self = remoting.LocalNode.Address;
        var membership = ClusterMembership.Start(system, settings, self, node.Roles, node.Name, remoting.Transport);
        var locator = ClusterShardLocator.Start(system, membership,
            new ActorPathRegionResolver(system.Name, path => system.ResolveActorRef(path)), placement);
        var cluster = new NodeCluster(system, membership, locator, log);
        membership.Subscribe(cluster.OnClusterEvent);
        return cluster;
    }

    /// <summary>The router directory for <see cref="UsersModuleOptions.RouterDirectory"/>.</summary>
    public INodeRouterDirectory RouterDirectory(string nodeName, IActorRef localRouter) =>
        new ClusterNodeRouterDirectory(nodeName, localRouter, () => Membership.State, path => system.ResolveActorRef(path), system.Name);

    /// <summary>Registers this node as Joining; the leader promotes it to Up.</summary>
    public Task JoinAsync(CancellationToken cancellationToken = default) => Membership.JoinAsync(cancellationToken);

    private void OnClusterEvent(IClusterDomainEvent e)
    {
        Member? gone = e switch
        {
            MemberDowned d => d.Member,
            MemberRemoved r when r.PreviousStatus != MemberStatus.Down => r.Member,
            _ => null,
        };
        if (gone is null || gone.UniqueAddress == Membership.SelfUniqueAddress) return;
        if (gone.Address == Address) return; // an earlier incarnation of this very node
        log.Information("Cluster member {Member} ({NodeName}) is {Status}: its actors are terminated for death watch",
            gone.Address, gone.NodeName, gone.Status);
        RemotingExtension.Get(system).NotifyAddressTerminated(gone.Address, $"membership reported {gone.NodeName} {gone.Status.ToDb()}");
    }
}
