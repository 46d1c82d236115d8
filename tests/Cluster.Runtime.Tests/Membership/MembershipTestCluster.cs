using Cluster.Runtime.Kernel;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Remoting;
using Cluster.Runtime.Tests.Persistence;
using Cluster.TestSupport;
using Npgsql;
using Serilog.Events;

namespace Cluster.Runtime.Tests.Membership;

/// <summary>
/// Several simulated nodes in one process, each with its own actor system, its own connection pool and its own
/// membership, sharing one fresh schema of the real PostgreSQL server. Intervals are short (hundreds of ms) but keep
/// the production ordering rules.
/// </summary>
public sealed class MembershipTestCluster : IAsyncDisposable
{
    private static int nextPort = 20000;
    private readonly List<TestNode> nodes = [];
    private readonly List<IAsyncDisposable> extra = [];

    public MembershipTestCluster(PostgresServer server, Func<ClusterSettings, ClusterSettings>? adjust = null)
    {
        Server = server;
        var settings = new ClusterSettings
        {
            ConnectionString = server.ConnectionString,
            Schema = "m_" + Guid.NewGuid().ToString("N")[..12],
            AppVersion = "1.2.3",
            // Short enough for quick tests, long enough that a loaded 2-core CI machine (test assemblies, PostgreSQL
            // and the thread pool competing) does not fence or down a healthy node: database calls of a second or
            // more happen there.
            HeartbeatInterval = TimeSpan.FromMilliseconds(300),
            UnreachableAfter = TimeSpan.FromMilliseconds(2000),
            SelfFenceTimeout = TimeSpan.FromMilliseconds(4000),
            DownAfter = TimeSpan.FromMilliseconds(5000),
            RemoveAfterDown = TimeSpan.FromMilliseconds(1000),
            LeaderActionsInterval = TimeSpan.FromMilliseconds(200),
            OperationTimeout = TimeSpan.FromMilliseconds(3000),
            LeaseTtl = TimeSpan.FromMilliseconds(4000),
            LeaseRenewInterval = TimeSpan.FromMilliseconds(500),
            LeaseSafetyMargin = TimeSpan.FromMilliseconds(500),
        };
        Settings = (adjust?.Invoke(settings) ?? settings).Validate();
    }

    public PostgresServer Server { get; }

    public ClusterSettings Settings { get; }

    public LogCapture Log { get; } = new(LogEventLevel.Debug);

    /// <summary>Creates (does not join) a node whose database connections go to <paramref name="connectionString"/> (default: the server).</summary>
    public TestNode CreateNode(string name, IReadOnlyList<string>? roles = null, string? connectionString = null)
    {
        var system = ActorSystem.Create(name, new ActorSystemSettings { Logger = Log.CreateLogger() });
        var settings = Settings with { ConnectionString = connectionString ?? Settings.ConnectionString };
        var dataSource = ClusterMembership.CreateDataSource(settings);
        var address = new NodeAddress("127.0.0.1", Interlocked.Increment(ref nextPort));
        var membership = new ClusterMembership(system, settings, dataSource, address, roles ?? ["backend"], name, ownsDataSource: true);
        var node = new TestNode(name, system, membership, new EventRecorder(membership, name));
        nodes.Add(node);
        return node;
    }

    public async Task<TestNode> JoinNodeAsync(string name, IReadOnlyList<string>? roles = null, string? connectionString = null)
    {
        var node = CreateNode(name, roles, connectionString);
        await node.Membership.JoinAsync();
        return node;
    }

    /// <summary>A connection pool of the test itself on the cluster's database (for direct assertions on rows).</summary>
    public NpgsqlDataSource TestDataSource()
    {
        var ds = NpgsqlDataSource.Create(Settings.ConnectionString);
        extra.Add(ds);
        return ds;
    }

    public async Task<string> StatusInDatabaseAsync(UniqueAddress member)
    {
        await using var ds = NpgsqlDataSource.Create(Settings.ConnectionString);
        await using var cmd = ds.CreateCommand($"SELECT status FROM \"{Settings.Schema}\".cluster_member WHERE address = @a AND uid = @u");
        cmd.Parameters.AddWithValue("a", member.Address.ToString());
        cmd.Parameters.AddWithValue("u", member.Uid);
        return (string?)await cmd.ExecuteScalarAsync() ?? "(no row)";
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes) await node.DisposeAsync();
        foreach (var d in extra) await d.DisposeAsync();
    }
}

/// <summary>One simulated node.</summary>
public sealed record TestNode(string Name, ActorSystem System, ClusterMembership Membership, EventRecorder Events) : IAsyncDisposable
{
    public UniqueAddress Self => Membership.SelfUniqueAddress;

    /// <summary>Waits until this node has seen <paramref name="member"/> Up.</summary>
    public Task<(MemberUp Event, DateTime At)> WaitUpAsync(UniqueAddress member) =>
        Events.WaitForAsync<MemberUp>(e => e.Member.UniqueAddress == member, expected: $"MemberUp({member})");

    /// <summary>Stops the node without leaving (its heartbeat stops, like a crash), then its actor system.</summary>
    public async ValueTask DisposeAsync()
    {
        Events.Dispose();
        await Membership.DisposeAsync();
        await System.Terminate();
    }
}
