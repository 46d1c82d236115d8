using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Cluster.Actors.Users.Entity;
using Cluster.Runtime.Hocon;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence.Serialization;
using Cluster.Runtime.Sharding;
using PersistenceExtension = Cluster.Runtime.Persistence.Persistence;

namespace Cluster.Actors.Calls.Entity;

/// <summary>
/// Everything a node runs for calls, started with one call: the <c>call</c> shard region of <see cref="CallEntity"/>,
/// the <see cref="ShardedCallGateway"/> the SIP edge and the web API talk through, and this node's
/// <see cref="CallEffectRouter"/> with the sinks the edges register. The node only wires: persistence must be registered
/// first, with a serializer registry prepared by <see cref="RegisterManifests"/>, and the users module started (its
/// gateway is passed in).
/// </summary>
public sealed class CallsModule
{
    /// <summary>The shard type name of call entities.</summary>
    public const string TypeName = "call";

    private CallsModule(string nodeId, IActorRef region, IActorRef router, EffectSinks<ICallEffectSink> sinks, ShardedCallGateway gateway, CallSettings settings,
        CallListing listing)
    {
        Listing = listing;
        NodeId = nodeId;
        Region = region;
        Router = router;
        Sinks = sinks;
        Gateway = gateway;
        Settings = settings;
    }

    /// <summary>This node's id as written into edge endpoints (<c>uc.node.name</c>).</summary>
    public string NodeId { get; }

    /// <summary>The <c>call</c> shard region (accepts <see cref="CallEnvelope"/>).</summary>
    public IActorRef Region { get; }

    /// <summary>This node's <see cref="CallEffectRouter"/> at <c>/user/call-effects</c>.</summary>
    public IActorRef Router { get; }

    /// <summary>The sinks the router hands effects to, with their counters.</summary>
    public EffectSinks<ICallEffectSink> Sinks { get; }

    /// <summary>How edges and the shell reach calls.</summary>
    public ICallGateway Gateway { get; }

    /// <summary>The call policy the deciders run with (the SIP edge reads the local domains from it).</summary>
    public CallSettings Settings { get; }

    /// <summary>Live calls on this node and records of ended calls, for <c>uc call list</c>.</summary>
    public ICallListing Listing { get; }

    /// <summary>An edge registers where effects for legs on this node go; dispose to unregister.</summary>
    public IDisposable RegisterSink(ICallEffectSink sink) => Sinks.Register(sink);

    /// <summary>
    /// Registers every call event and the snapshot under their manifests (<see cref="CallManifests.All"/>). The registry
    /// must write with <see cref="DomainJson.Options"/>, the format the stored-payload tests pin.
    /// </summary>
    /// <exception cref="ArgumentException">The registry uses other JSON options, or a manifest is registered already.</exception>
    public static SerializerRegistry RegisterManifests(SerializerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (!ReferenceEquals(registry.Options, DomainJson.Options))
        {
            throw new ArgumentException(
                "call events are stored as DomainJson: create the registry with new SerializerRegistry(DomainJson.Options)", nameof(registry));
        }

        var register = typeof(SerializerRegistry).GetMethod(nameof(SerializerRegistry.Register))
                       ?? throw new InvalidOperationException("SerializerRegistry.Register<T>(string) not found");
        foreach (var (type, manifest) in CallManifests.All)
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

    /// <summary>Starts the module with settings read from <paramref name="config"/> (<c>uc.calls</c>, <c>uc.sharding</c>).</summary>
    /// <exception cref="ConfigException">A setting is invalid; the message names the key.</exception>
    public static CallsModule Start(ActorSystem system, Config config, string nodeId, IUserGateway users)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Start(system, new CallsModuleOptions(nodeId, users)
        {
            CallSettings = CallSettings.FromConfig(config),
            EntitySettings = CallEntitySettings.FromConfig(config),
            ShardingSettings = ClusterShardingSettings.FromConfig(config),
        });
    }

    /// <summary>Starts the router, the region and the gateway.</summary>
    /// <exception cref="InvalidOperationException">Persistence is not registered on <paramref name="system"/>.</exception>
    public static CallsModule Start(ActorSystem system, CallsModuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.NodeId);
        ArgumentNullException.ThrowIfNull(options.Users);
        var persistence = PersistenceExtension.Get(system);
        var listing = new CallListing(persistence.ReadJournal, system.Log, system.Settings.TimeProvider);
        listing.Start();
        // Stop reading before the node closes the journal (after the actor system has terminated).
        system.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "stop-call-listing",
            async () => await listing.DisposeAsync().ConfigureAwait(false));

        var sinks = new EffectSinks<ICallEffectSink>();
        var router = system.ActorOf(Props.Create(() => new CallEffectRouter(sinks)), CallEffectRouter.Name);
        var routers = options.RouterDirectory?.Invoke(router) ?? new LocalNodeRouterDirectory(options.NodeId, router);

        var dependencies = new CallEntityDependencies(
            new CallDecider(options.CallSettings, options.Entropy, options.Sdp),
            options.EntitySettings,
            routers,
            options.NodeId,
            options.Users,
            listing);
        // The entity passivates itself (never while a deadline is pending), so the shard's idle check is off.
        var regionSettings = options.ShardingSettings with { PassivateIdleEntityAfter = null };
        var region = ClusterSharding.Get(system).Start(TypeName, callId => CallEntity.Props(callId, dependencies),
            regionSettings, new CallMessageExtractor(regionSettings.NumberOfShards), StopCallEntity.Instance);

        system.Log.Information("Calls started on node {NodeId}: region {Region}, call effects at {Router}",
            options.NodeId, region.Path.ToString(), router.Path.ToString());
        return new CallsModule(options.NodeId, region, router, sinks,
            new ShardedCallGateway(region, options.EntitySettings.AskTimeout), options.CallSettings, listing);
    }
}
