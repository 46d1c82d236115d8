using Cluster.Actors.Common;
using Cluster.Runtime.Hocon;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence.Serialization;
using Cluster.Runtime.Sharding;
using PersistenceExtension = Cluster.Runtime.Persistence.Persistence;

namespace Cluster.Actors.Users.Entity;

/// <summary>
/// Everything a node runs for users, started with one call: the <c>user</c> shard region of
/// <see cref="UserEntity"/>, the <see cref="ShardedUserGateway"/> edges talk through, this node's
/// <see cref="EdgeEffectRouter"/> with the sinks the edges register, and the <see cref="UserDirectoryProjection"/>.
/// The node only wires (see Cluster.Node's NodeComponents); persistence must be registered first, with a serializer
/// registry prepared by <see cref="RegisterManifests"/>.
/// </summary>
public sealed class UsersModule
{
    /// <summary>The shard type name of user entities.</summary>
    public const string TypeName = "user";

    private UsersModule(string nodeId, IActorRef region, IActorRef router, EffectSinks<IEdgeEffectSink> sinks, ShardedUserGateway gateway,
        UserDirectoryProjection directory)
    {
        NodeId = nodeId;
        Region = region;
        Router = router;
        Sinks = sinks;
        Gateway = gateway;
        Directory = directory;
    }

    /// <summary>This node's id as written into edge endpoints (<c>uc.node.name</c>).</summary>
    public string NodeId { get; }

    /// <summary>The <c>user</c> shard region (accepts <see cref="UserEnvelope"/>).</summary>
    public IActorRef Region { get; }

    /// <summary>This node's <see cref="EdgeEffectRouter"/> at <c>/user/edge-effects</c>.</summary>
    public IActorRef Router { get; }

    /// <summary>The sinks the router hands effects to, with their counters.</summary>
    public EffectSinks<IEdgeEffectSink> Sinks { get; }

    /// <summary>How edges and the shell reach users.</summary>
    public IUserGateway Gateway { get; }

    /// <summary>The user-directory read model (<see cref="IUserListing"/>).</summary>
    public UserDirectoryProjection Directory { get; }

    /// <summary>An edge (SIP, web) registers where effects for its endpoints on this node go; dispose to unregister.</summary>
    public IDisposable RegisterSink(IEdgeEffectSink sink) => Sinks.Register(sink);

    /// <summary>
    /// Registers every user event and the snapshot under their manifests (<see cref="UserManifests.All"/>). The
    /// registry must write with <see cref="DomainJson.Options"/>, the format the domain's stored-payload tests pin.
    /// </summary>
    /// <exception cref="ArgumentException">The registry uses other JSON options, or a manifest is registered already.</exception>
    public static SerializerRegistry RegisterManifests(SerializerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (!ReferenceEquals(registry.Options, DomainJson.Options))
        {
            throw new ArgumentException(
                "user events are stored as DomainJson: create the registry with new SerializerRegistry(DomainJson.Options)", nameof(registry));
        }

        var register = typeof(SerializerRegistry).GetMethod(nameof(SerializerRegistry.Register))
                       ?? throw new InvalidOperationException("SerializerRegistry.Register<T>(string) not found");
        foreach (var (type, manifest) in UserManifests.All)
        {
            try
            {
                register.MakeGenericMethod(type).Invoke(registry, [manifest]);
            }
            catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }

        return registry;
    }

    /// <summary>Starts the module with settings read from <paramref name="config"/> (<c>uc.users</c>, <c>uc.sharding</c>).</summary>
    /// <exception cref="ConfigException">A setting is invalid; the message names the key.</exception>
    public static UsersModule Start(ActorSystem system, Config config, string nodeId, Action<UserAddress, IUserEvent>? directoryObserver = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Start(system, new UsersModuleOptions(nodeId)
        {
            UserSettings = UserSettings.FromConfig(config),
            EntitySettings = UserEntitySettings.FromConfig(config),
            ShardingSettings = ClusterShardingSettings.FromConfig(config),
            DirectoryObserver = directoryObserver,
        });
    }

    /// <summary>Starts the router, the region, the gateway and the directory projection.</summary>
    /// <exception cref="InvalidOperationException">Persistence is not registered on <paramref name="system"/>.</exception>
    public static UsersModule Start(ActorSystem system, UsersModuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.NodeId);
        var persistence = PersistenceExtension.Get(system);

        var sinks = new EffectSinks<IEdgeEffectSink>();
        var router = system.ActorOf(Props.Create(() => new EdgeEffectRouter(sinks)), EdgeEffectRouter.Name);
        var routers = options.RouterDirectory?.Invoke(router) ?? new LocalNodeRouterDirectory(options.NodeId, router);

        var sharding = ClusterSharding.Get(system);
        var dependencies = new UserEntityDependencies(
            new UserDecider(options.UserSettings),
            options.EntitySettings,
            routers,
            () => sharding.ShardRegion(TypeName));
        // The entity passivates itself (it must not while an expiry timer is pending), so the shard's idle check is off.
        var regionSettings = options.ShardingSettings with { PassivateIdleEntityAfter = null };
        var region = sharding.Start(TypeName, entityId => UserEntity.Props(UserAddress.Parse(entityId), dependencies),
            regionSettings, new UserMessageExtractor(regionSettings.NumberOfShards), StopUserEntity.Instance, options.Locator);

        var directory = new UserDirectoryProjection(persistence.ReadJournal, options.EntitySettings,
            system.Log, system.Settings.TimeProvider, options.DirectoryObserver);
        directory.Start();
        // Stop reading before the node closes the journal (after the actor system has terminated).
        system.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "stop-user-directory",
            async () => await directory.DisposeAsync().ConfigureAwait(false));

        system.Log.Information("Users started on node {NodeId}: region {Region}, edge effects at {Router}",
            options.NodeId, region.Path.ToString(), router.Path.ToString());
        return new UsersModule(options.NodeId, region, router, sinks,
            new ShardedUserGateway(region, options.EntitySettings.AskTimeout), directory);
    }
}
