using Cluster.Runtime.Kernel;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Remoting;
using Serilog;

namespace Cluster.Runtime.Sharding.Cluster;

/// <summary>
/// Cluster placement of shards (the role of Akka's shard coordinator, without a coordinator): every node computes
/// the home of a shard itself, by rendezvous hashing over the Up members having the type's role, and a node hosts a
/// shard only while it holds the shard's lease in PostgreSQL. Because every node reads the same member table and the
/// lease decides who may host, no node has to agree with another directly, and no entity runs on two nodes.
/// </summary>
/// <remarks>
/// <para>One instance per node serves every entity type started with it
/// (<c>ClusterSharding.Start(..., locator: locator)</c>). It follows membership events: when the eligible members
/// change, shards hosted here that now belong elsewhere are handed off (Akka's protocol: every region forgets the
/// shard, the shard stops its entities, then the lease is released) and the new owner takes the lease on the next
/// message. A fenced node stops its entities at once, a shard whose lease lapsed is stopped, and at coordinated
/// shutdown the node leaves the cluster and hands every shard off before its regions stop.</para>
/// <para>Split by concern: requests and the activation guard here, the membership view in
/// ClusterShardLocator.View.cs, rebalancing, lease checks, fencing and leaving in ClusterShardLocator.Rebalance.cs.</para>
/// </remarks>
public sealed partial class ClusterShardLocator : IRegionAwareShardLocator, IEntityActivationGuard, IExtension, IAsyncDisposable
{
    private readonly ActorSystem system;
    private readonly ClusterMembership membership;
    private readonly IRegionResolver resolver;
    private readonly ILogger log;
    private readonly TimeProvider time;
    private readonly object gate = new();
    private readonly Dictionary<string, TypePlacement> types = new(StringComparer.Ordinal);
    private readonly ActivationRecorder? recorder;
    private readonly IDisposable subscription;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private TaskCompletionSource changed = NewSignal();
    private UniqueAddress self;
    private volatile bool fenced;
    private volatile bool disposed;

    /// <summary>
    /// Creates the locator of this node and subscribes it to <paramref name="membership"/>; create it before the node
    /// joins and before any region starts with it. <paramref name="resolver"/> finds the regions of other members.
    /// </summary>
    public ClusterShardLocator(ActorSystem system, ClusterMembership membership, IRegionResolver resolver, ClusterPlacementSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentNullException.ThrowIfNull(resolver);
        Settings = (settings ?? ClusterPlacementSettings.Default).Validate();
        this.system = system;
        this.membership = membership;
        this.resolver = resolver;
        time = system.Settings.TimeProvider;
        self = membership.SelfUniqueAddress;
        log = system.Log.ForContext<ClusterShardLocator>().ForContext("Node", self.Address.ToString());
        var cluster = membership.Settings;
        CheckInterval = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(20).Ticks, cluster.LeaseSafetyMargin.Ticks / 2));
        SettleTime = cluster.LeaderActionsInterval * 2 + cluster.HeartbeatInterval;
        if (cluster.DetectDoubleActivation) recorder = new ActivationRecorder(membership.Detector, log);
        subscription = membership.Subscribe(OnClusterEvent);
        loop = Task.Run(RunAsync);
    }

    public ClusterPlacementSettings Settings { get; }

    /// <summary>How often hosted shards' leases are checked: half of lease-safety-margin, so entities stop well before the database could give the lease away.</summary>
    public TimeSpan CheckInterval { get; }

    /// <summary>
    /// How long after this node first sees a younger member Up before it places shards there
    /// (2 × leader-actions-interval + heartbeat-interval): by then the new member has read its own status, so shards
    /// are not sent to a node that still believes it is Joining.
    /// </summary>
    public TimeSpan SettleTime { get; }

    /// <summary>
    /// Registers the locator as an extension of <paramref name="system"/>, stopped in coordinated-shutdown phase
    /// cluster-shutdown (after the sharding phase has handed the shards off and the node has left).
    /// </summary>
    public static ClusterShardLocator Start(ActorSystem system, ClusterMembership membership, IRegionResolver resolver, ClusterPlacementSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.RegisterExtension(s =>
        {
            var locator = new ClusterShardLocator(s, membership, resolver, settings);
            s.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseClusterShutdown, "cluster-shard-locator-stop", () => locator.DisposeAsync().AsTask());
            return locator;
        });
    }

    /// <summary>The extension registered by <see cref="Start"/>.</summary>
    public static ClusterShardLocator Get(ActorSystem system) =>
        system.GetExtension<ClusterShardLocator>() ?? throw new InvalidOperationException(
            $"the cluster shard locator is not started on actor system '{system.Name}'; call ClusterShardLocator.Start first");

    /// <summary>The key rendezvous hashing places: type and shard, so that shard 7 of every type does not land on the same node.</summary>
    public static string ShardKey(string typeName, string shardId) => typeName + "/" + shardId;

    void IRegionAwareShardLocator.RegionStarted(string typeName, IActorRef region, ClusterShardingSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(settings);
        lock (gate)
        {
            if (types.ContainsKey(typeName)) throw new InvalidOperationException($"the cluster shard locator already places type '{typeName}'");
            types[typeName] = new TypePlacement(typeName, region, settings);
        }
        log.Information("Cluster placement of {TypeName} started (role {Role})", typeName, settings.Role ?? "any");
    }

    /// <summary>
    /// Where <paramref name="shardId"/> lives. Here: only once this node is the desired owner and holds the lease
    /// (retried every lease-retry-interval while another live node holds it). Elsewhere: the desired owner's region.
    /// Gives up with <see cref="ShardHomeUnavailableException"/> when <paramref name="cancellationToken"/> fires
    /// (shard-start-timeout), saying why: the region then rejects the messages that waited.
    /// </summary>
    public async Task<ShardHome> GetHomeAsync(string typeName, string shardId, IActorRef requestingRegion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        ArgumentException.ThrowIfNullOrEmpty(shardId);
        ArgumentNullException.ThrowIfNull(requestingRegion);
        var reason = "no placement attempt finished";
        while (true)
        {
            if (cancellationToken.IsCancellationRequested) throw new ShardHomeUnavailableException($"not placed within shard-start-timeout: {reason}");
            Task signal;
            TypePlacement type;
            Member? owner;
            UniqueAddress me;
            bool handing;
            lock (gate)
            {
                if (disposed) throw new ShardHomeUnavailableException("the cluster shard locator of this node has stopped");
                type = types.GetValueOrDefault(typeName) ?? throw new InvalidOperationException(
                    $"type '{typeName}' was not started with this cluster shard locator (ClusterSharding.Start(..., locator))");
                signal = changed.Task;
                me = self;
                owner = fenced ? null : OwnerLocked(type, shardId);
                handing = type.HandingOff.Contains(shardId);
            }
            if (fenced)
            {
                reason = "this node fenced itself and has not rejoined yet";
            }
            else if (owner is null)
            {
                reason = $"no Up member has role {type.Settings.Role ?? "(any)"}";
            }
            else if (owner.UniqueAddress == me)
            {
                if (handing)
                {
                    reason = "the shard's previous incarnation here is still being handed off";
                }
                else
                {
                    var (home, why) = await TryHostAsync(type, shardId, me, requestingRegion, cancellationToken).ConfigureAwait(false);
                    if (home is not null) return home;
                    reason = why;
                }
            }
            else
            {
                var region = ResolveRegion(owner.UniqueAddress, typeName);
                if (region is not null)
                {
                    lock (gate)
                    {
                        // Recorded only if the view did not change meanwhile, so a rebalance cannot miss this answer.
                        if (!fenced && OwnerLocked(type, shardId)?.UniqueAddress == owner.UniqueAddress)
                        {
                            type.Remote[shardId] = owner.UniqueAddress;
                            return new ShardHome(region);
                        }
                    }
                    continue;
                }
                reason = $"the region of {owner.UniqueAddress} cannot be resolved";
            }
            await WaitAsync(signal, Settings.LeaseRetryInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes the lease of a shard this node should host; returns the home, or why not.</summary>
    private async Task<(ShardHome? Home, string Reason)> TryHostAsync(TypePlacement type, string shardId, UniqueAddress me, IActorRef region,
        CancellationToken cancellationToken)
    {
        ShardLease? lease;
        try
        {
            lease = await membership.Leases.TryAcquireAsync(type.TypeName, shardId, me, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (null, "taking the lease took too long");
        }
        catch (Exception e)
        {
            log.Warning(e, "Could not take the lease of shard {ShardId} of {TypeName}", shardId, type.TypeName);
            return (null, $"the lease store failed: {e.Message}");
        }
        if (lease is null) return (null, "its lease is held by another live node (a hand-over is in progress)");
        lock (gate)
        {
            if (!fenced && !disposed && self == me && !type.HandingOff.Contains(shardId) && OwnerLocked(type, shardId)?.UniqueAddress == me)
            {
                var isNew = type.Hosted.TryAdd(shardId, lease.Epoch);
                type.Remote.Remove(shardId);
                if (isNew) log.Debug("Shard {ShardId} of {TypeName} hosted here under lease epoch {Epoch}", shardId, type.TypeName, lease.Epoch);
                return (new ShardHome(region), "");
            }
            if (type.Hosted.ContainsKey(shardId)) return (null, "placement changed while the lease was taken");
        }
        // Placement moved while the lease was being taken, and the shard is not running here: give the lease back.
        await ReleaseQuietlyAsync(type.TypeName, shardId, me).ConfigureAwait(false);
        return (null, "placement changed while the lease was taken");
    }

    private async Task ReleaseQuietlyAsync(string typeName, string shardId, UniqueAddress owner)
    {
        try
        {
            await membership.Leases.ReleaseAsync(typeName, shardId, owner).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            log.Warning(e, "Could not release the lease of shard {ShardId} of {TypeName}; it expires after lease-ttl", shardId, typeName);
        }
    }

    private async Task WaitAsync(Task signal, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAny(signal, Task.Delay(delay, time, cancellationToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The caller checks the token.
        }
    }

    bool IEntityActivationGuard.MayActivate(string typeName, string shardId, out string reason)
    {
        if (fenced)
        {
            reason = "this node fenced itself";
            return false;
        }
        if (!membership.Leases.HoldsLease(typeName, shardId))
        {
            reason = "this node does not hold the shard's lease";
            return false;
        }
        reason = "";
        return true;
    }

    void IEntityActivationGuard.EntityActivated(string typeName, string shardId, string entityId)
    {
        if (recorder is null) return;
        recorder.Activated(typeName, entityId, Volatile.Read(ref self), membership.Leases.HeldEpoch(typeName, shardId) ?? 0);
    }

    void IEntityActivationGuard.EntityDeactivated(string typeName, string shardId, string entityId) =>
        recorder?.Deactivated(typeName, entityId, Volatile.Read(ref self));

    /// <summary>Stops following membership and placing shards; pending requests fail with <see cref="ShardHomeUnavailableException"/>. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            SignalLocked();
        }
        subscription.Dispose();
        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }
        if (recorder is not null) await recorder.DisposeAsync().ConfigureAwait(false);
        stopping.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes everything waiting for a change of the view (requests, the loop, leaving).</summary>
    private void SignalLocked()
    {
        var previous = changed;
        changed = NewSignal();
        previous.TrySetResult();
    }
}
