using System.Text.Json.Nodes;
using Cluster.Node.Tests.Hosting;
using Cluster.TestSupport;

namespace Cluster.Node.Tests.Cluster;

/// <summary>
/// Three real node processes on loopback in cluster mode, sharing one PostgreSQL database, with short membership
/// intervals (in the order the settings require) so that failover and leave happen within seconds.
/// </summary>
public sealed class ClusterFixture : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly List<NodeProcess?> processes = new();

    private ClusterFixture(IReadOnlyList<NodeFixture> nodes, IReadOnlyList<int> remotingPorts)
    {
        Nodes = nodes;
        RemotingPorts = remotingPorts;
        processes.AddRange(nodes.Select(_ => (NodeProcess?)null));
    }

    public IReadOnlyList<NodeFixture> Nodes { get; }

    public IReadOnlyList<int> RemotingPorts { get; }

    public NodeProcess Process(int index) => processes[index] ?? throw new InvalidOperationException($"node{index + 1} is not started");

    /// <summary>Writes the configuration of <paramref name="count"/> nodes on a fresh database of <paramref name="postgres"/>.</summary>
    public static async Task<ClusterFixture> CreateAsync(PostgresServer postgres, int count = 3)
    {
        var connection = await postgres.CreateDatabaseAsync("cluster");
        var nodes = new List<NodeFixture>();
        var ports = new List<int>();
        for (var i = 1; i <= count; i++)
        {
            var port = FreePort.Tcp();
            ports.Add(port);
            nodes.Add(new NodeFixture($"node{i}", $$"""
                uc.cluster {
                  enabled = on
                  heartbeat-interval = 300ms
                  unreachable-after = 1s
                  self-fence-timeout = 1500ms
                  down-after = 2500ms
                  # long enough for a test polling `cluster show` to see Down, then Removed
                  remove-after-down = 8s
                  leader-actions-interval = 300ms
                  operation-timeout = 1s
                  lease-ttl = 2500ms
                  lease-renew-interval = 500ms
                  lease-safety-margin = 500ms
                }
                uc.persistence {
                  journal { plugin = postgresql, connection-string = "{{connection}}" }
                  snapshot-store { plugin = postgresql, connection-string = "{{connection}}" }
                }
                uc.remote {
                  bind-hostname = "127.0.0.1"
                  bind-port = {{port}}
                  heartbeat-interval = 300ms
                  acceptable-heartbeat-pause = 2s
                }
                uc.web.bind-host = "127.0.0.1"
                """));
        }
        return new ClusterFixture(nodes, ports);
    }

    /// <summary>Starts every node and waits until each says it is up and sees all of them Up.</summary>
    public async Task StartAllAsync()
    {
        for (var i = 0; i < Nodes.Count; i++)
        {
            processes[i] = Nodes[i].Start();
        }
        await Task.WhenAll(processes.Select(p => p!.WaitForLineAsync(@"Node node\d is up", StartTimeout)));
        for (var i = 0; i < Nodes.Count; i++)
        {
            await WaitForMembersAsync(i, members => members.Count(m => m.Status == "Up") == Nodes.Count,
                $"all {Nodes.Count} members Up", StartTimeout);
        }
    }

    /// <summary>Runs <c>uc</c> one-shot against node <paramref name="index"/>.</summary>
    public Task<(int ExitCode, string Output)> ShellAsync(int index, params string[] command) =>
        ShellProcess.RunAsync(Nodes[index].ShellPort, command);

    /// <summary><c>cluster show --json</c> through node <paramref name="index"/>.</summary>
    public async Task<IReadOnlyList<MemberView>> MembersAsync(int index)
    {
        var (code, output) = await ShellAsync(index, "cluster", "show", "--json");
        if (code != 0) throw new InvalidOperationException($"uc cluster show --json through node{index + 1} failed ({code}):\n{output}");
        var json = output[output.IndexOf('[')..(output.LastIndexOf(']') + 1)];
        return JsonNode.Parse(json)!.AsArray()
            .Select(m => new MemberView((string)m!["address"]!, (long)m["uid"]!, (string)m["node"]!, (string)m["status"]!, (bool)m["reachable"]!))
            .ToList();
    }

    /// <summary>Polls <c>cluster show</c> on node <paramref name="index"/> until <paramref name="condition"/> holds.</summary>
    public async Task<IReadOnlyList<MemberView>> WaitForMembersAsync(int index, Func<IReadOnlyList<MemberView>, bool> condition, string expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<MemberView> last = [];
        while (DateTime.UtcNow < deadline)
        {
            last = await MembersAsync(index);
            if (condition(last)) return last;
        }
        throw new TimeoutException($"node{index + 1}: expected {expected} within {timeout}; last cluster show: " +
                                   string.Join("; ", last.Select(m => $"{m.Node} {m.Address} {m.Status}")));
    }

    /// <summary>The index of the node hosting <paramref name="user"/>, asked through node <paramref name="via"/>.</summary>
    public async Task<int> HostOfAsync(string user, int via)
    {
        var (code, output) = await ShellAsync(via, "sharding", "where", "-r", "user", user);
        if (code != 0) throw new InvalidOperationException($"uc sharding where {user} failed ({code}):\n{output}");
        for (var i = 0; i < RemotingPorts.Count; i++)
        {
            if (output.Contains($"127.0.0.1:{RemotingPorts[i]}", StringComparison.Ordinal)) return i;
        }
        throw new InvalidOperationException($"uc sharding where {user} names none of the nodes' remoting ports:\n{output}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes)
        {
            if (process is not null) await process.DisposeAsync();
        }
        foreach (var node in Nodes)
        {
            node.Dispose();
        }
    }
}

/// <summary>One row of <c>cluster show --json</c>.</summary>
public sealed record MemberView(string Address, long Uid, string Node, string Status, bool Reachable);
