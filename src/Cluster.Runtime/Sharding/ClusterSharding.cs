using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Sharding;

/// <summary>
/// The sharding extension of an actor system (Akka's ClusterSharding): starts one <c>ShardRegion</c> per entity
/// type and finds it again by type name. Send every message for an entity type to its region; the region finds
/// (or starts) the entity, wherever its shard lives. Regions register a task in coordinated shutdown phase
/// <c>cluster-sharding-shutdown-region</c> that hands their shards off, so entities receive their stop message
/// (and can flush state) before the node goes away.
/// </summary>
public sealed class ClusterSharding : IExtension
{
    private readonly ActorSystem system;
    private readonly object gate = new();
    private readonly Dictionary<string, RegionEntry> regions = new(StringComparer.Ordinal);
    private LocalActorRef? guardian;

    private ClusterSharding(ActorSystem system) => this.system = system;

    /// <summary>The extension of <paramref name="system"/>, created on first use.</summary>
    public static ClusterSharding Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.RegisterExtension(static s => new ClusterSharding(s));
    }

    /// <summary>Entity types started on this node, in no particular order.</summary>
    public IReadOnlyCollection<string> ShardTypeNames
    {
        get
        {
            lock (gate) return regions.Keys.ToArray();
        }
    }

    /// <summary>
    /// Starts the region of <paramref name="typeName"/> whose entities are <see cref="ShardingEnvelope"/>-addressed
    /// and hashed into <see cref="ClusterShardingSettings.NumberOfShards"/> shards.
    /// </summary>
    public IActorRef Start(string typeName, Props entityProps, ClusterShardingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Start(typeName, entityProps, settings, HashCodeMessageExtractor.Create(settings.NumberOfShards));
    }

    /// <summary>Starts the region of <paramref name="typeName"/>; every entity is built from the same props.</summary>
    public IActorRef Start(string typeName, Props entityProps, ClusterShardingSettings settings, IMessageExtractor extractor,
        object? handOffStopMessage = null, IShardLocator? locator = null)
    {
        ArgumentNullException.ThrowIfNull(entityProps);
        return Start(typeName, _ => entityProps, settings, extractor, handOffStopMessage, locator);
    }

    /// <summary>
    /// Starts the region of <paramref name="typeName"/> and returns it; returns the existing region if the type was
    /// started before (as Akka does).
    /// </summary>
    /// <param name="typeName">Entity type, unique per system (e.g. <c>user</c>, <c>call</c>).</param>
    /// <param name="entityPropsFactory">Props of the entity with the given id (called for every incarnation).</param>
    /// <param name="settings">Settings of the type, usually <see cref="ClusterShardingSettings.FromConfig"/>.</param>
    /// <param name="extractor">Maps messages to entity and shard ids; its shard count must match the settings.</param>
    /// <param name="handOffStopMessage">What entities receive when their shard is handed off, the region shuts down
    /// or they are idle; they must stop when they handle it. Default <see cref="PoisonPill"/>.</param>
    /// <param name="locator">Where shards live; default <see cref="LocalShardLocator"/> (this node hosts every shard).</param>
    public IActorRef Start(string typeName, Func<string, Props> entityPropsFactory, ClusterShardingSettings settings,
        IMessageExtractor extractor, object? handOffStopMessage = null, IShardLocator? locator = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(typeName);
        ArgumentNullException.ThrowIfNull(entityPropsFactory);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(extractor);
        settings.Validate();
        if (extractor is HashCodeMessageExtractor hashing && hashing.MaxNumberOfShards != settings.NumberOfShards)
            throw new ArgumentException(
                $"The extractor of {typeName} hashes into {hashing.MaxNumberOfShards} shards but number-of-shards is {settings.NumberOfShards}; " +
                "they must agree, or entities would be placed differently on different nodes.", nameof(extractor));
        lock (gate)
        {
            if (regions.TryGetValue(typeName, out var existing)) return existing.Region;
            var entry = new RegionEntry(new ShardingCounters(typeName), settings);
            // Registered first: once shutdown has begun no region may start, and nothing has been created yet.
            var aware = locator as IRegionAwareShardLocator;
            system.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseClusterShardingShutdownRegion, $"sharding-region-{typeName}", async () =>
            {
                if (aware is not null) await MoveShardsAwayAsync(aware, typeName).ConfigureAwait(false);
                entry.Region.Tell(GracefulShutdown.Instance, null);
                await entry.Stopped.Task.ConfigureAwait(false);
            });
            var stopMessage = handOffStopMessage ?? PoisonPill.Instance;
            var props = Props.Create(() => new ShardRegion(typeName, entityPropsFactory, settings, extractor, stopMessage,
                locator ?? LocalShardLocator.Instance, entry.Counters, _ => entry.Stopped.TrySetResult()));
            entry.Region = Guardian().Cell.ActorOf(props, EntityNames.Encode(typeName));
            regions[typeName] = entry;
            aware?.RegionStarted(typeName, entry.Region, settings);
            system.Log.Information("Sharding region {TypeName} started with {NumberOfShards} shards at {Path}",
                typeName, settings.NumberOfShards, entry.Region.Path.ToString());
            return entry.Region;
        }
    }

    /// <summary>
    /// Lets a cluster-aware locator hand the type's shards to other nodes before the region shuts down; bounded by the
    /// phase timeout (less a tenth, so that the region still gets its GracefulShutdown within the phase).
    /// </summary>
    private async Task MoveShardsAwayAsync(IRegionAwareShardLocator aware, string typeName)
    {
        var phaseTimeout = system.CoordinatedShutdown.Timeout(CoordinatedShutdown.PhaseClusterShardingShutdownRegion);
        using var cts = new CancellationTokenSource(phaseTimeout - phaseTimeout / 10, system.Settings.TimeProvider);
        try
        {
            await aware.BeforeRegionShutdownAsync(typeName, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            system.Log.Warning(e, "Sharding region {TypeName}: moving shards to other nodes before shutdown did not finish; the rest stop here", typeName);
        }
    }

    /// <summary>The region of a started type (Akka's ShardRegion(typeName)).</summary>
    /// <exception cref="InvalidOperationException">The type was not started on this system.</exception>
    public IActorRef ShardRegion(string typeName) => Entry(typeName).Region;

    public bool TryGetShardRegion(string typeName, out IActorRef region)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        lock (gate)
        {
            if (regions.TryGetValue(typeName, out var entry))
            {
                region = entry.Region;
                return true;
            }
        }
        region = ActorRefs.Nobody;
        return false;
    }

    /// <summary>Counters of a started type on this node.</summary>
    public ShardingStatistics Statistics(string typeName) => Entry(typeName).Counters.Snapshot();

    /// <summary>The settings a type was started with.</summary>
    public ClusterShardingSettings Settings(string typeName) => Entry(typeName).Settings;

    private RegionEntry Entry(string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        lock (gate)
        {
            if (regions.TryGetValue(typeName, out var entry)) return entry;
            var known = regions.Count == 0 ? "none" : string.Join(", ", regions.Keys.Order(StringComparer.Ordinal));
            throw new InvalidOperationException($"Sharding type '{typeName}' must be started first (ClusterSharding.Start); started types: {known}.");
        }
    }

    private LocalActorRef Guardian() =>
        guardian ??= (LocalActorRef)system.Provider.SystemGuardianCell.ActorOf(Props.Create(() => new ShardingGuardian()), "sharding");

    private sealed class RegionEntry(ShardingCounters counters, ClusterShardingSettings settings)
    {
        public ShardingCounters Counters { get; } = counters;
        public ClusterShardingSettings Settings { get; } = settings;
        public IActorRef Region { get; set; } = ActorRefs.Nobody;
        public TaskCompletionSource Stopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
