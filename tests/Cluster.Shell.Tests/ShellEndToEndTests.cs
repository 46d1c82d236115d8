using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Cluster.Shell.Tests;

public class ShellEndToEndTests
{
    [Fact]
    public async Task One_shot_command_prints_an_aligned_table_and_exits_zero()
    {
        await using var node = await ShellTestNode.StartAsync();
        var run = new ShellRun();
        var exit = await run.RunAsync([node.Address, "cluster", "show"]);
        Assert.Equal(0, exit);
        Assert.Equal("""
            address     status   shards
            ----------  -------  ------
            node1:4053  Up           12
            node2:4053  Joining       3

            """.ReplaceLineEndings("\n"), run.Output.ToString());
        Assert.Equal("", run.Error.ToString());
    }

    [Fact]
    public async Task Json_output_parses_and_matches_the_table()
    {
        await using var node = await ShellTestNode.StartAsync();
        var run = new ShellRun();
        Assert.Equal(0, await run.RunAsync([node.Address, "cluster", "show", "--json"]));
        using var document = JsonDocument.Parse(run.Output.ToString());
        var rows = document.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, rows.Length);
        Assert.Equal("node2:4053", rows[1].GetProperty("address").GetString());
        Assert.Equal(12, rows[0].GetProperty("shards").GetInt32());
    }

    [Fact]
    public async Task Json_given_to_uc_itself_applies_to_the_command()
    {
        await using var node = await ShellTestNode.StartAsync();
        var run = new ShellRun();
        Assert.Equal(0, await run.RunAsync(["--json", node.Address, "cluster", "echo", "hi"]));
        Assert.Equal("\"hi\"\n", run.Output.ToString());
    }

    [Fact]
    public async Task Unknown_command_exits_with_usage_status_and_message()
    {
        await using var node = await ShellTestNode.StartAsync();
        var run = new ShellRun();
        Assert.Equal(2, await run.RunAsync([node.Address, "cluster", "explode"]));
        Assert.Equal("error: unknown command 'explode' in palette 'cluster'; commands: show, echo, leave, tail\n", run.Error.ToString());
        Assert.Equal("", run.Output.ToString());
    }

    [Fact]
    public async Task Failed_command_exits_one_with_the_reason()
    {
        await using var node = await ShellTestNode.StartAsync();
        var run = new ShellRun();
        Assert.Equal(1, await run.RunAsync([node.Address, "cluster", "leave", "node9:4053"]));
        Assert.Equal("error: member node9:4053 is not part of the cluster\n", run.Error.ToString());
    }

    [Fact]
    public async Task Unreachable_node_exits_three_with_a_clear_message()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var run = new ShellRun();
        Assert.Equal(3, await run.RunAsync([$"127.0.0.1:{port}", "cluster", "show"]));
        Assert.StartsWith($"uc: cannot connect to 127.0.0.1:{port}:", run.Error.ToString());
        Assert.Contains("Is the node running", run.Error.ToString());
    }

    [Fact]
    public async Task Remote_client_with_the_token_from_the_environment_is_accepted()
    {
        await using var node = await ShellTestNode.StartAsync(ShellTestNode.Token, isLocal: _ => false);
        var run = new ShellRun();
        run.Environment["UC_TOKEN"] = ShellTestNode.Token;
        Assert.Equal(0, await run.RunAsync([node.Address, "cluster", "echo", "ok"]));
        Assert.Equal("ok\n", run.Output.ToString());
    }

    [Fact]
    public async Task Remote_client_with_a_wrong_token_is_refused_with_status_four()
    {
        await using var node = await ShellTestNode.StartAsync(ShellTestNode.Token, isLocal: _ => false);
        var run = new ShellRun();
        Assert.Equal(4, await run.RunAsync([node.Address, "--token", "not-the-token", "cluster", "show"]));
        Assert.Equal($"uc: {node.Address} refused the connection: operator token rejected\n", run.Error.ToString());
    }

    [Fact]
    public async Task Shell_usage_errors_exit_two()
    {
        var run = new ShellRun();
        Assert.Equal(2, await run.RunAsync(["--tokn", "x"]));
        Assert.Contains("unknown option --tokn for uc", run.Error.ToString());
    }

    [Fact]
    public async Task Piped_input_runs_each_line_and_reports_the_last_failure()
    {
        await using var node = await ShellTestNode.StartAsync();
        var run = new ShellRun();
        var script = """
            # comments and blank lines are skipped

            cluster echo first
            cluster leave nowhere
            cluster echo 'second line'
            """;
        var exit = await run.RunAsync([node.Address], script);
        Assert.Equal(1, exit);
        Assert.Equal("first\nsecond line\n", run.Output.ToString());
        Assert.Equal("error: member nowhere is not part of the cluster\n", run.Error.ToString());
    }

    [Fact]
    public async Task Piped_exit_ends_the_session_with_its_status()
    {
        await using var node = await ShellTestNode.StartAsync();
        var run = new ShellRun();
        Assert.Equal(7, await run.RunAsync([node.Address], "cluster echo a\nexit 7\ncluster echo never\n"));
        Assert.Equal("a\n", run.Output.ToString());
    }

    [Fact]
    public async Task Ctrl_c_stops_a_streaming_command_and_the_session_continues()
    {
        await using var node = await ShellTestNode.StartAsync();
        var run = new ShellRun();
        var session = run.StartAsync([node.Address], "cluster tail\ncluster echo after\n");
        await ShellRun.WithDeadline(node.StreamStarted.Task, "cluster tail to start streaming");
        run.Interrupts.Fire();
        await ShellRun.WithDeadline(node.StreamCancelled.Task, "the node to cancel the stream after Ctrl-C");
        var exit = await ShellRun.WithDeadline(session, "the session to finish the script");
        Assert.Equal(130, exit);
        Assert.Equal("member node1 Up\nafter\n", run.Output.ToString());
    }

    [Fact]
    public async Task Ctrl_c_in_one_shot_mode_exits_130()
    {
        await using var node = await ShellTestNode.StartAsync();
        var run = new ShellRun();
        var oneShot = run.StartAsync([node.Address, "cluster", "tail"]);
        await ShellRun.WithDeadline(node.StreamStarted.Task, "cluster tail to start streaming");
        run.Interrupts.Fire();
        Assert.Equal(130, await ShellRun.WithDeadline(oneShot, "uc to exit after Ctrl-C"));
    }
}
