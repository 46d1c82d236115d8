using Cluster.TestSupport;

namespace Cluster.Node.Tests.Hosting;

/// <summary>The node executable run the way an operator runs it: real process, real signals, real files.</summary>
public class NodeProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Node_logs_a_startup_summary_and_exits_0_after_SIGTERM_in_phases()
    {
        using var fixture = new NodeFixture();
        await using var node = fixture.Start();

        await node.WaitForLineAsync("Node node1 is up", StartTimeout);
        var output = node.Output;
        Assert.Contains("Node node1", output);
        Assert.Contains($"Configuration file loaded: {fixture.ConfigPath}", output);
        Assert.Contains($"Data directory: {fixture.DataDirectory}", output);
        Assert.Contains($"Listening: shell on tcp://127.0.0.1:{fixture.ShellPort}", output);
        Assert.Contains($"Listening: stun-turn on udp://127.0.0.1:{fixture.TurnPort}", output);
        Assert.Contains($"Listening: stun-turn on tcp://127.0.0.1:{fixture.TurnPort}", output);
        Assert.Contains($"Listening: sip on udp://127.0.0.1:{fixture.SipPort}", output);
        Assert.Contains($"Listening: sip on tcp://127.0.0.1:{fixture.SipPort}", output);
        Assert.Contains($"Listening: sip on tls://127.0.0.1:{fixture.SipTlsPort}", output);
        Assert.Contains($"Listening: web on http://127.0.0.1:{fixture.HttpPort}", output);
        Assert.Contains($"Listening: web on https://127.0.0.1:{fixture.HttpsPort}", output);
        Assert.Contains($"Journal: sqlite {Path.Combine(fixture.DataDirectory, "persistence.db")}", output);
        Assert.True(File.Exists(Path.Combine(fixture.DataDirectory, "persistence.db")), "the SQLite journal is created in the data directory");

        node.Terminate();
        Assert.Equal(0, await node.WaitForExitAsync(StopTimeout));
        var lines = node.Lines;
        int IndexOf(string text) => lines.ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal));
        var shuttingDown = IndexOf("shutting down (SIGTERM)");
        var shellClosed = IndexOf("Shutdown: shell endpoint closed");
        var journalClosed = IndexOf("Shutdown: journal flushed and closed");
        var stopped = IndexOf("Node node1 stopped cleanly");
        Assert.True(shuttingDown >= 0 && shellClosed > shuttingDown && journalClosed > shellClosed && stopped > journalClosed,
            $"expected shutdown lines in order (signal, shell closed, journal closed, stopped); output:\n{node.Output}");
    }

    [Fact]
    public async Task Node_exits_0_after_SIGINT()
    {
        using var fixture = new NodeFixture();
        await using var node = fixture.Start();
        await node.WaitForLineAsync("is up", StartTimeout);
        node.Interrupt();
        Assert.Equal(0, await node.WaitForExitAsync(StopTimeout));
        Assert.Contains("shutting down (SIGINT)", node.Output);
    }

    [Fact]
    public async Task Second_node_on_the_same_data_directory_refuses_to_start()
    {
        using var fixture = new NodeFixture();
        await using var first = fixture.Start("first");
        await first.WaitForLineAsync("is up", StartTimeout);

        // Same data directory, another shell port so that only the data directory collides.
        var otherConfig = Path.Combine(fixture.Directory, "second.conf");
        File.WriteAllText(otherConfig, $"include \"{fixture.ConfigPath}\"\nuc.shell.port = {FreePort.Tcp()}\n");
        await using var second = NodeProcess.Start("second", RepositoryPaths.ProjectAssembly("Cluster.Node"),
            ["--config", otherConfig], fixture.Directory);

        Assert.Equal(3, await second.WaitForExitAsync(StartTimeout));
        Assert.Contains($"data directory '{fixture.DataDirectory}' is in use by another node (process {first.Pid})", second.Output);
        Assert.False(first.HasExited, "the first node must keep running");
    }

    [Fact]
    public async Task Misspelt_key_is_refused_naming_the_key_and_the_file()
    {
        using var fixture = new NodeFixture(extraConfig: "uc.node.daat-dir = \"/tmp/x\"");
        await using var node = fixture.Start();

        Assert.Equal(2, await node.WaitForExitAsync(StartTimeout));
        var output = node.Output;
        Assert.Contains("uc.node.daat-dir", output);
        Assert.Contains(Path.GetFileName(fixture.ConfigPath), output);
        Assert.Contains("data-dir", output); // the suggestion
    }

    [Fact]
    public async Task Unknown_argument_prints_usage_and_exits_2()
    {
        using var fixture = new NodeFixture();
        await using var node = fixture.Start(null, "--bogus");
        Assert.Equal(2, await node.WaitForExitAsync(StartTimeout));
        Assert.Contains("unknown argument '--bogus'", node.Output);
        Assert.Contains("usage: Cluster.Node", node.Output);
    }
}
