using Cluster.Runtime.Kernel;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Remoting;
using Cluster.Runtime.Sharding;
using Cluster.Runtime.Sharding.Cluster;
using Cluster.Runtime.Tests.Membership;
using Cluster.Runtime.Tests.Remoting.Support;
using Cluster.TestSupport;

namespace Cluster.Runtime.Tests.Sharding.Cluster.Support;

/// <summary>
/// Nodes simulated in one process for cluster-placement tests: each is an actor system with its own membership (on a
/// fresh schema of the real PostgreSQL server, with the short intervals of <see cref="MembershipTestCluster"/>), its own
/// <see cref="ClusterShardLocator"/>, and a region of <see cref="CounterEntity"/> counters. All nodes share one
/// PostgreSQL journal, and regions find each other through an <see cref="InProcessRegionResolver"/>.
/// </summary>
internal sealed class PlacementTestCluster : IAsyncDisposable
{
    public const string TypeName = "counter";
    public const int Shards = 40;
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly List<PlacementNode> nodes = [];
    private readonly PersistenceComponents journal;

    private PlacementTestCluster(MembershipTestCluster membership, PersistenceComponents journal)
    {
        Membership = membership;
        this.journal = journal;
    }

    public MembershipTestCluster Membership { get; }

    public InProcessRegionResolver Resolver { get; } = new();

    /// <summary>Every start and stop of every counter on every node, in order.</summary>
    public ObservedList<Activation> Activations { get; } = new();

    public IReadOnlyList<PlacementNode> Nodes => nodes;

    public static ClusterShardingSettings ShardingSettings { get; } = ClusterShardingSettings.Default with
    {
        NumberOfShards = Shards,
        PassivateIdleEntityAfter = null,
        ShardStartTimeout = TimeSpan.FromSeconds(8),
        RetryInterval = TimeSpan.FromMilliseconds(200),
        HandOffTimeout = TimeSpan.FromSeconds(3),
    };

    public static HashCodeMessageExtractor Extractor { get; } = HashCodeMessageExtractor.Create(Shards, m => (m as ICounterCommand)?.EntityId);

    public static async Task<PlacementTestCluster> CreateAsync(PostgresServer server, Func<ClusterSettings, ClusterSettings>? adjust = null)
    {
        var membership = new MembershipTestCluster(server, adjust);
        var settings = PersistenceSettings.ForPostgres(server.ConnectionString, "j_" + Guid.NewGuid().ToString("N")[..12]);
        var journal = await PersistencePlugins.CreateAsync(settings, CounterEntity.Registry(), membership.Log.CreateLogger());
        return new PlacementTestCluster(membership, journal);
    }

    /// <summary>Starts a node (region first, then it joins); its membership connects through <paramref name="connectionString"/> when given.</summary>
    public async Task<PlacementNode> StartNodeAsync(string name, string? connectionString = null)
    {
        var node = Membership.CreateNode(name, connectionString: connectionString);
        global::Cluster.Runtime.Persistence.Persistence.Register(node.System, journal, CounterEntity.Registry());
        var locator = new ClusterShardLocator(node.System, node.Membership, Resolver, new ClusterPlacementSettings { LeaseRetryInterval = TimeSpan.FromMilliseconds(100) });
        var region = ClusterSharding.Get(node.System).Start(TypeName, id => CounterEntity.PropsFor(id, name, Activations), ShardingSettings, Extractor,
            StopCounter.Instance, locator);
        Resolver.Register(node.Membership.SelfUniqueAddress.Address, node.System);
        var placed = new PlacementNode(name, node, locator, region);
        nodes.Add(placed);
        await node.Membership.JoinAsync();
        return placed;
    }

    /// <summary>Waits until every node in <paramref name="view"/> sees every node of <paramref name="up"/> Up.</summary>
    public static async Task WaitAllUpAsync(IReadOnlyList<PlacementNode> view, IReadOnlyList<PlacementNode>? up = null)
    {
        foreach (var observer in view)
            foreach (var member in up ?? view)
                await observer.Node.WaitUpAsync(member.Self);
    }

    /// <summary>The node that should host <paramref name="entityId"/> among <paramref name="members"/> (rendezvous over type/shard).</summary>
    public static string ExpectedHome(string entityId, IReadOnlyList<PlacementNode> members)
    {
        var candidates = members.Select(n => n.Node.Membership.State.Members.Single(m => m.UniqueAddress == n.Self)).ToList();
        var owner = RendezvousHashing.Owner(ClusterShardLocator.ShardKey(TypeName, Extractor.ShardId(entityId)), candidates)!;
        return members.Single(n => n.Self == owner.UniqueAddress).Name;
    }

    /// <summary>Asks until a counter answers (through <paramref name="via"/>) from <paramref name="expectedNode"/>, or the deadline passes.</summary>
    public static async Task<CounterValue> WaitForAnswerFromAsync(PlacementNode via, string entityId, string expectedNode, TimeSpan? deadline = null)
    {
        var limit = deadline ?? Deadline;
        var until = DateTime.UtcNow + limit;
        object? last = null;
        while (DateTime.UtcNow < until)
        {
            try
            {
                var answer = await via.Region.Ask<CounterValue>(new GetCounter(entityId), TimeSpan.FromSeconds(1));
                if (answer.Node == expectedNode) return answer;
                last = answer;
            }
            catch (Exception e) when (e is AskTimeoutException or ShardDeliveryException)
            {
                last = e.Message;
            }
        }
        throw new TimeoutException($"counter {entityId} did not answer from {expectedNode} through {via.Name} within {limit}; last answer: {last}");
    }

    /// <summary>Double activations found by every node's detector.</summary>
    public long DoubleActivations => nodes.Sum(n => n.Node.Membership.Detector.DoubleActivations);

    public long ActivationsChecked => nodes.Sum(n => n.Node.Membership.Detector.ActivationsChecked);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes) await node.Locator.DisposeAsync();
        await Membership.DisposeAsync();
        await journal.DisposeAsync();
    }
}

/// <summary>One simulated node of a <see cref="PlacementTestCluster"/>.</summary>
internal sealed record PlacementNode(string Name, global::Cluster.Runtime.Tests.Membership.TestNode Node, ClusterShardLocator Locator, IActorRef Region)
{
    public UniqueAddress Self => Node.Membership.SelfUniqueAddress;

    public ActorSystem System => Node.System;

    public ShardingStatistics Statistics => ClusterSharding.Get(System).Statistics(PlacementTestCluster.TypeName);

    /// <summary>Shards this node's region hosts now.</summary>
    public async Task<IReadOnlyCollection<string>> HostedShardsAsync() =>
        (await Region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5))).Shards.Keys.ToList();

    /// <summary>Like a crash: the locator and membership stop without leaving or handing anything off, then the actor system goes.</summary>
    public async Task CrashAsync()
    {
        await Locator.DisposeAsync();
        await Node.Membership.DisposeAsync();
        await System.Terminate();
    }
}
