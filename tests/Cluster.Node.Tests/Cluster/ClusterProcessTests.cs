using Cluster.TestSupport;

namespace Cluster.Node.Tests.Cluster;

/// <summary>
/// Three real node processes on loopback sharing one real PostgreSQL: membership agrees everywhere, a user entity
/// lives on one node and is reached through every node, a crashed node's users answer again through the survivors,
/// and a graceful leave loses no command.
/// </summary>
[Collection(PostgresServer.Collection)]
public class ClusterProcessTests(PostgresServer postgres)
{
    private static readonly TimeSpan FailoverTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Three_nodes_reach_Up_and_every_node_shows_the_same_membership()
    {
        await using var cluster = await ClusterFixture.CreateAsync(postgres);
        await cluster.StartAllAsync();

        var views = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var members = await cluster.MembersAsync(i);
            Assert.Equal(3, members.Count);
            Assert.All(members, m => Assert.Equal("Up", m.Status));
            views.Add(string.Join(",", members.OrderBy(m => m.Address).Select(m => $"{m.Node}@{m.Address}#{m.Uid}")));
        }
        Assert.Single(views.Distinct());
        Assert.Contains("Cluster: member 127.0.0.1:", cluster.Process(0).Output);
        Assert.Contains($"Listening: remoting on tcp://127.0.0.1:{cluster.RemotingPorts[0]}", cluster.Process(0).Output);
    }

    [Fact]
    public async Task User_added_through_one_node_is_shown_through_every_node()
    {
        await using var cluster = await ClusterFixture.CreateAsync(postgres);
        await cluster.StartAllAsync();

        var add = await cluster.ShellAsync(0, "user", "add", "alice@example.com", "--password", "correct-horse-1", "--display", "Alice Liddell");
        Assert.True(add.ExitCode == 0, $"uc user add through node1 failed ({add.ExitCode}):\n{add.Output}");
        for (var i = 0; i < 3; i++)
        {
            var show = await cluster.ShellAsync(i, "user", "show", "alice@example.com");
            Assert.True(show.ExitCode == 0, $"uc user show through node{i + 1} failed ({show.ExitCode}):\n{show.Output}");
            Assert.Contains("Alice Liddell", show.Output);
        }
        // One host, whoever is asked.
        var hosts = new HashSet<int>();
        for (var i = 0; i < 3; i++) hosts.Add(await cluster.HostOfAsync("alice@example.com", i));
        Assert.Single(hosts);
    }

    [Fact]
    public async Task User_answers_through_survivors_after_kill_9_of_its_host_which_is_marked_Down()
    {
        await using var cluster = await ClusterFixture.CreateAsync(postgres);
        await cluster.StartAllAsync();
        var add = await cluster.ShellAsync(0, "user", "add", "alice@example.com", "--password", "correct-horse-1", "--display", "Alice Liddell");
        Assert.True(add.ExitCode == 0, $"uc user add failed ({add.ExitCode}):\n{add.Output}");
        var host = await cluster.HostOfAsync("alice@example.com", 0);
        var via = (host + 1) % 3;
        var killedAddress = $"127.0.0.1:{cluster.RemotingPorts[host]}";

        cluster.Process(host).KillHard();
        await cluster.Process(host).WaitForExitAsync(TimeSpan.FromSeconds(30));

        // Keep asking through a survivor until the user answers again.
        var deadline = DateTime.UtcNow + FailoverTimeout;
        var failures = 0;
        (int ExitCode, string Output) show = (-1, "");
        while (DateTime.UtcNow < deadline)
        {
            show = await cluster.ShellAsync(via, "user", "show", "alice@example.com");
            if (show.ExitCode == 0) break;
            failures++;
        }
        Assert.True(show.ExitCode == 0, $"alice did not answer through node{via + 1} within {FailoverTimeout} of kill -9 of node{host + 1} ({failures} failed attempts); last:\n{show.Output}");
        Assert.Contains("Alice Liddell", show.Output);
        var other = 3 - host - via;
        var third = await cluster.ShellAsync(other, "user", "show", "alice@example.com");
        Assert.True(third.ExitCode == 0, $"alice did not answer through node{other + 1}:\n{third.Output}");

        // One of the survivors marked it Down (whichever ran the statement first logs it)...
        var pattern = $"Member {System.Text.RegularExpressions.Regex.Escape(killedAddress)}#[0-9]+ marked Down";
        var downLines = new[] { via, other }.Select(i => cluster.Process(i).WaitForLineAsync(pattern, FailoverTimeout)).ToList();
        var firstDone = await Task.WhenAny(downLines);
        Assert.True(firstDone.IsCompletedSuccessfully || downLines.Any(t => t.IsCompletedSuccessfully) || (await Task.WhenAll(downLines.Select(async t =>
        {
            try { await t; return true; } catch (TimeoutException) { return false; }
        }))).Any(ok => ok), $"no survivor logged node{host + 1} ({killedAddress}) marked Down");
        // ...and no survivor lists it as a live member any more.
        await cluster.WaitForMembersAsync(via, ms => ms.All(m => m.Address != killedAddress || m.Status is "Down" or "Removed"),
            $"node{host + 1} ({killedAddress}) no longer live", FailoverTimeout);
        Assert.NotEqual(host, await cluster.HostOfAsync("alice@example.com", via));
    }

    [Fact]
    public async Task Graceful_leave_under_a_stream_of_commands_loses_none()
    {
        await using var cluster = await ClusterFixture.CreateAsync(postgres);
        await cluster.StartAllAsync();
        var add = await cluster.ShellAsync(0, "user", "add", "alice@example.com", "--password", "correct-horse-1", "--display", "Alice Liddell");
        Assert.True(add.ExitCode == 0, $"uc user add failed ({add.ExitCode}):\n{add.Output}");
        var host = await cluster.HostOfAsync("alice@example.com", 0);
        var via = (host + 1) % 3;
        var leaving = cluster.Process(host);

        var results = new System.Collections.Concurrent.ConcurrentQueue<(int ExitCode, string Output)>();
        using var stop = new CancellationTokenSource();
        var stream = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                results.Enqueue(await cluster.ShellAsync(via, "user", "show", "alice@example.com"));
            }
        });

        leaving.Terminate();
        Assert.Equal(0, await leaving.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        // A few more commands after the leave completed, then stop the stream.
        var countAtExit = results.Count;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (results.Count < countAtExit + 3 && DateTime.UtcNow < deadline && !stream.IsCompleted)
        {
            await Task.WhenAny(stream, Task.Delay(TimeSpan.FromMilliseconds(100)));
        }
        stop.Cancel();
        await stream;

        Assert.True(results.Count >= countAtExit + 3, $"the command stream stalled: {results.Count} commands, {countAtExit} at exit");
        var failed = results.Where(r => r.ExitCode != 0).ToList();
        Assert.True(failed.Count == 0,
            $"{failed.Count} of {results.Count} commands through node{via + 1} failed during the leave of node{host + 1}; first:\n{failed.FirstOrDefault().Output}");
        Assert.Contains("Shutdown: journal flushed and closed", leaving.Output);
        var members = await cluster.MembersAsync(via);
        Assert.DoesNotContain(members, m => m.Address == $"127.0.0.1:{cluster.RemotingPorts[host]}" && m.Status is "Up" or "Leaving");
    }
}
