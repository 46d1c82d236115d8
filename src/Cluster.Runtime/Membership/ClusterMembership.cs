using Cluster.Runtime.Kernel;
using Cluster.Runtime.Remoting;
using Npgsql;
using Serilog;

namespace Cluster.Runtime.Membership;

/// <summary>
/// Cluster membership of this node, kept in PostgreSQL (Akka.Cluster's <c>Cluster</c> extension, with the database in
/// place of gossip): joining, promotion by the leader, graceful leave, failure detection by heartbeat age, downing,
/// removal, self-fencing, and the events that describe all of it. The database is the single authority for status;
/// every node reads the same rows, so every node reaches the same decisions without agreeing with anyone directly.
/// </summary>
/// <remarks>
/// Loops (all started by <see cref="JoinAsync"/>): the heartbeat loop renews this incarnation's row every
/// heartbeat-interval (and rejoins after fencing); the watchdog fences this node when the last successful renewal is
/// older than self-fence-timeout; the membership loop downs stale members, removes old Down ones, reads the table,
/// publishes the differences and, on the leader, promotes Joining members and moves Leaving members without leases to
/// Exiting; the lease loop renews this node's shard leases. <see cref="DisposeAsync"/> stops them without touching the
/// database, like a crash; <see cref="LeaveAsync"/> leaves gracefully.
/// </remarks>
public sealed partial class ClusterMembership : IExtension, IAsyncDisposable
{
    private readonly ActorSystem system;
    private readonly NpgsqlDataSource dataSource;
    private readonly bool ownsDataSource;
    private readonly MembershipStore store;
    private readonly MembershipSchema schema;
    private readonly RemoteTransport? transport;
    private readonly IDisposable? transportSubscription;
    private readonly TimeProvider time;
    private readonly ILogger log;
    private readonly object gate = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim refreshSignal = new(0, 1);
    private readonly TaskCompletionSource removed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Action<IClusterDomainEvent>> subscribers = [];
    private readonly HashSet<NodeAddress> transportUnreachable = [];
    private Task[] loops = [];
    private UniqueAddress self;
    private bool joined;
    private bool fenced;
    private bool exitingSelf;
    private bool disposed;
    private long lastRenewalStart;
    private long lastLeaseRenewalOk;
    private bool leaseRenewalFailing;
    private List<MemberRow> lastRows = [];
    private Dictionary<UniqueAddress, Member> members = [];
    private UniqueAddress? leader;

    /// <summary>
    /// Creates membership for one node. <paramref name="selfAddress"/> is the node's remoting address (members are
    /// keyed by it); when <paramref name="transport"/> is given its reachability reports are used and its uid becomes
    /// the first incarnation's uid. Nothing touches the database until <see cref="JoinAsync"/>.
    /// </summary>
    public ClusterMembership(ActorSystem system, ClusterSettings settings, NpgsqlDataSource dataSource, NodeAddress selfAddress,
        IReadOnlyList<string>? roles = null, string? nodeName = null, RemoteTransport? transport = null, bool ownsDataSource = false)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(dataSource);
        Settings = settings.Validate();
        this.system = system;
        this.dataSource = dataSource;
        this.ownsDataSource = ownsDataSource;
        this.transport = transport;
        time = system.Settings.TimeProvider;
        log = system.Log.ForContext<ClusterMembership>().ForContext("Node", selfAddress.ToString());
        Roles = (roles ?? []).Select(r => string.IsNullOrWhiteSpace(r) ? throw new ArgumentException("roles must not be empty strings", nameof(roles)) : r)
            .Distinct(StringComparer.Ordinal).ToArray();
        NodeName = string.IsNullOrWhiteSpace(nodeName) ? selfAddress.ToString() : nodeName;
        schema = new MembershipSchema(settings.Schema);
        store = new MembershipStore(dataSource, schema);
        self = new UniqueAddress(selfAddress, transport?.LocalAddress is { } local && local.Address == selfAddress ? local.Uid : NewUid());
        Leases = new ShardLeaseStore(dataSource, settings, time)
        {
            MayAcquire = () => Volatile.Read(ref joined) && !IsFenced,
            RenewalObserved = OnLeaseRenewal,
        };
        Detector = new DoubleActivationDetector(dataSource, settings.Schema, system.Log);
        transportSubscription = transport?.Subscribe(OnRemotingEvent);
    }

    public ClusterSettings Settings { get; }

    /// <summary>Roles of this node (uc.node.roles).</summary>
    public IReadOnlyList<string> Roles { get; }

    public string NodeName { get; }

    /// <summary>This node's current incarnation (changes when it rejoins after fencing).</summary>
    public UniqueAddress SelfUniqueAddress
    {
        get { lock (gate) return self; }
    }

    /// <summary>This node's member entry as last read, or null before the first read.</summary>
    public Member? SelfMember
    {
        get { lock (gate) return members.GetValueOrDefault(self); }
    }

    /// <summary>The current leader as last read.</summary>
    public UniqueAddress? Leader
    {
        get { lock (gate) return leader; }
    }

    /// <summary>The membership as last read (what a new subscriber receives first).</summary>
    public CurrentClusterState State
    {
        get { lock (gate) return CurrentStateLocked(); }
    }

    /// <summary>True while this node is fenced: it must host no entity and holds no lease.</summary>
    public bool IsFenced
    {
        get { lock (gate) return fenced; }
    }

    /// <summary>Shard leases; acquisition is refused while fenced, renewal runs in the background while joined.</summary>
    public ShardLeaseStore Leases { get; }

    /// <summary>The double-activation check for entity hosts (only meaningful when detect-double-activation is on).</summary>
    public DoubleActivationDetector Detector { get; }

    /// <summary>Completes once this node left gracefully and its row is Removed.</summary>
    public Task WhenRemoved => removed.Task;

    /// <summary>The extension registered on <paramref name="system"/> by <see cref="Start"/>.</summary>
    public static ClusterMembership Get(ActorSystem system) =>
        system.GetExtension<ClusterMembership>() ?? throw new InvalidOperationException(
            $"cluster membership is not started on actor system '{system.Name}'; call ClusterMembership.Start first");

    /// <summary>
    /// Registers membership as an extension of <paramref name="system"/>, with its own pooled data source built from
    /// uc.cluster.connection-string, and hooks coordinated shutdown: cluster-leave leaves (after the sharding phase
    /// handed shards off) and releases what leases remain, cluster-exiting waits for removal, cluster-shutdown stops.
    /// Call <see cref="JoinAsync"/> afterwards.
    /// </summary>
    public static ClusterMembership Start(ActorSystem system, ClusterSettings settings, NodeAddress selfAddress,
        IReadOnlyList<string>? roles = null, string? nodeName = null, RemoteTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
            throw new ArgumentException("uc.cluster.connection-string is empty: cluster membership needs the shared PostgreSQL database", nameof(settings));
        return system.RegisterExtension(s =>
        {
            var membership = new ClusterMembership(s, settings, CreateDataSource(settings), selfAddress, roles, nodeName, transport, ownsDataSource: true);
            var shutdown = s.CoordinatedShutdown;
            shutdown.AddTask(CoordinatedShutdown.PhaseClusterLeave, "cluster-membership-leave", async () =>
            {
                if (!membership.IsJoined) return;
                await membership.LeaveAsync().ConfigureAwait(false);
                await membership.Leases.ReleaseAllAsync(membership.SelfUniqueAddress).ConfigureAwait(false);
            });
            shutdown.AddTask(CoordinatedShutdown.PhaseClusterExiting, "cluster-membership-wait-removed", () =>
                membership.IsJoined && !membership.IsFenced ? membership.WhenRemoved : Task.CompletedTask);
            shutdown.AddTask(CoordinatedShutdown.PhaseClusterShutdown, "cluster-membership-stop", () => membership.DisposeAsync().AsTask());
            return membership;
        });
    }

    /// <summary>A pooled data source with short connect and cancellation timeouts, so a lost database is noticed quickly.</summary>
    public static NpgsqlDataSource CreateDataSource(ClusterSettings settings)
    {
        var builder = new NpgsqlDataSourceBuilder(settings.ConnectionString);
        var csb = builder.ConnectionStringBuilder;
        var timeoutSeconds = (int)Math.Max(1, Math.Ceiling(settings.OperationTimeout.TotalSeconds));
        if (csb.Timeout > timeoutSeconds || csb.Timeout == 0) csb.Timeout = timeoutSeconds;
        if (csb.CommandTimeout > timeoutSeconds || csb.CommandTimeout == 0) csb.CommandTimeout = timeoutSeconds;
        csb.CancellationTimeout = -1; // a cancelled statement breaks its connection at once instead of waiting on the server
        if (string.IsNullOrEmpty(csb.ApplicationName)) csb.ApplicationName = "uc-membership";
        return builder.Build();
    }

    internal bool IsJoined => Volatile.Read(ref joined);

    private static long NewUid() => Random.Shared.NextInt64(1, long.MaxValue);

    /// <summary>
    /// Creates the tables if configured, registers this node as Joining and starts the loops. The leader promotes it
    /// to Up on its next round (<see cref="MemberUp"/>). Throws when the database cannot be reached.
    /// </summary>
    public async Task JoinAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (Volatile.Read(ref joined)) throw new InvalidOperationException($"{self} has already joined");
        if (Settings.AutoInitialize) await schema.CreateAsync(dataSource, cancellationToken).ConfigureAwait(false);
        var started = time.GetTimestamp();
        UniqueAddress me;
        lock (gate) me = self;
        await store.JoinAsync(me, NodeName, Roles, Settings.EffectiveAppVersion, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            lastRenewalStart = started;
            lastLeaseRenewalOk = started;
            joined = true;
        }
        log.Information("Node {Self} joining the cluster with roles [{Roles}]", me, string.Join(", ", Roles));
        loops = [Loop(HeartbeatRoundAsync, Settings.HeartbeatInterval), FenceWatchdogAsync(), MembershipLoopAsync(),
            Loop(LeaseRoundAsync, Settings.LeaseRenewInterval)];
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks a member to leave: this node when <paramref name="address"/> is null. Its status becomes Leaving; the
    /// leader moves it to Exiting once it holds no lease, and the node then removes itself. Returns false when no
    /// Joining or Up member has that address.
    /// </summary>
    public async Task<bool> LeaveAsync(NodeAddress? address = null, CancellationToken cancellationToken = default)
    {
        RequireJoined();
        UniqueAddress me;
        lock (gate) me = self;
        var target = address ?? me.Address;
        var changed = await store.SetStatusAsync(target, target == me.Address ? me.Uid : null,
            [MemberStatus.Joining, MemberStatus.Up], MemberStatus.Leaving, cancellationToken).ConfigureAwait(false);
        if (changed > 0) log.Information("Member {Address} is leaving (requested by {Self})", target, me);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        return changed > 0;
    }

    /// <summary>
    /// Marks the member(s) at <paramref name="address"/> Down at once (an operator decision, like Akka's
    /// <c>Cluster.Down</c>): their leases become free immediately. Only safe when the node is really stopped or
    /// cut off; a live node notices on its next heartbeat and fences itself. Returns false when no live member matched.
    /// </summary>
    public async Task<bool> DownAsync(NodeAddress address, CancellationToken cancellationToken = default)
    {
        RequireJoined();
        var changed = await store.SetStatusAsync(address, null,
            [MemberStatus.Joining, MemberStatus.Up, MemberStatus.Leaving, MemberStatus.Exiting], MemberStatus.Down, cancellationToken).ConfigureAwait(false);
        if (changed > 0) log.Warning("Member {Address} marked Down by {Self}", address, SelfUniqueAddress);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        return changed > 0;
    }

    /// <summary>Reads the member table now and publishes what changed (the membership loop does this every leader-actions-interval).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (!Volatile.Read(ref joined) || IsFenced) return;
        var me = SelfUniqueAddress;
        var rows = await store.ReadMembersAsync(cancellationToken).ConfigureAwait(false);
        Apply(me, rows);
    }

    /// <summary>Stops every loop without updating the database (other nodes will see the heartbeat stop). Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
        }
        transportSubscription?.Dispose();
        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Loops end by cancellation.
        }
        if (ownsDataSource) await dataSource.DisposeAsync().ConfigureAwait(false);
        stopping.Dispose();
    }

    private void RequireJoined()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!Volatile.Read(ref joined)) throw new InvalidOperationException("this node has not joined the cluster (call JoinAsync first)");
    }
}
