using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Cluster.Runtime.Commands;
using Cluster.Runtime.Commands.Endpoint;
using Cluster.Runtime.Commands.Protocol;
using Cluster.TestSupport;

namespace Cluster.Runtime.Tests.Commands;

public class CommandEndpointTests
{
    private const string Token = "s3cret-operator-token";

    private static async Task<(CommandEndpoint Endpoint, TestPalette Palette)> StartAsync(
        CommandEndpointSettings? settings = null, Func<IPEndPoint, bool>? isLocal = null)
    {
        var palette = new TestPalette();
        var registry = new CommandRegistry();
        registry.Register(palette.Build());
        var endpoint = new CommandEndpoint(settings ?? new CommandEndpointSettings { Port = 0 }, registry,
            new CommandEndpointIdentity("node1", "uc://cluster@127.0.0.1:4053", "0.1.0"), isLocalClient: isLocal);
        await endpoint.StartAsync();
        return (endpoint, palette);
    }

    private static Task WaitAsync(Task task, string expected) => task.Within(expected, RawShellClient.Deadline);

    [Fact]
    public async Task Handshake_sends_node_identity_and_catalogue()
    {
        var (endpoint, _) = await StartAsync();
        await using var _e = endpoint;
        await using var client = await RawShellClient.ConnectAsync(endpoint.LocalEndPoint);
        var welcome = await client.WelcomeAsync();
        Assert.Equal(("node1", "uc://cluster@127.0.0.1:4053", "0.1.0"), (welcome.Node, welcome.Address, welcome.Version));
        var echo = welcome.Catalogue.FindPalette("test")!.FindCommand("echo")!;
        Assert.Equal("u", Assert.Single(echo.Options).Alias);
        Assert.True(welcome.Catalogue.FindPalette("test")!.FindCommand("stream")!.Streaming);
    }

    [Fact]
    public async Task Command_output_arrives_as_table_section_and_end_frames()
    {
        var (endpoint, _) = await StartAsync();
        await using var _e = endpoint;
        await using var client = await RawShellClient.ConnectAsync(endpoint.LocalEndPoint);
        await client.WelcomeAsync();
        var frames = await client.RunAsync(1, false, "test", "show");
        var table = Assert.IsType<TableFrame>(frames[0]);
        Assert.Equal(["name", "count"], table.Columns);
        Assert.Equal(22, table.Rows[1][1]!.GetValue<int>());
        var section = Assert.IsType<SectionFrame>(frames[1]);
        Assert.Equal("Totals", section.Title);
        Assert.Equal(new EndFrame(1, 0), frames[2]);
    }

    [Fact]
    public async Task Json_request_turns_tables_and_sections_into_json_values()
    {
        var (endpoint, _) = await StartAsync();
        await using var _e = endpoint;
        await using var client = await RawShellClient.ConnectAsync(endpoint.LocalEndPoint);
        await client.WelcomeAsync();
        var frames = await client.RunAsync(7, false, "test", "show", "--json");
        var rows = Assert.IsType<JsonFrame>(frames[0]).Value!.AsArray();
        Assert.Equal("b", rows[1]!["name"]!.GetValue<string>());
        Assert.Equal(22, rows[1]!["count"]!.GetValue<int>());
        var totals = Assert.IsType<JsonFrame>(frames[1]).Value!;
        Assert.True(totals["Totals"]!["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_typed_line_is_tokenized_on_the_node()
    {
        var (endpoint, _) = await StartAsync();
        await using var _e = endpoint;
        await using var client = await RawShellClient.ConnectAsync(endpoint.LocalEndPoint);
        await client.WelcomeAsync();
        await client.SendAsync(new RequestFrame(3, null, "test echo -u 'hello world'", false));
        var frames = await client.ReadUntilEndAsync(3);
        Assert.Equal(new LineFrame(3, "HELLO WORLD"), frames[0]);
    }

    [Theory]
    [InlineData(new[] { "nope" }, 2, "unknown command 'nope'; palettes: test. Type 'help' to list them.")]
    [InlineData(new[] { "test", "echo", "--foo" }, 2, "unknown option --foo for 'test echo'; known: -u/--upper")]
    [InlineData(new[] { "test", "fail" }, 1, "disk full")]
    [InlineData(new[] { "test", "crash" }, 1, "command failed: boom")]
    public async Task Failures_end_with_an_error_frame_and_non_zero_exit(string[] argv, int exit, string message)
    {
        var (endpoint, _) = await StartAsync();
        await using var _e = endpoint;
        await using var client = await RawShellClient.ConnectAsync(endpoint.LocalEndPoint);
        await client.WelcomeAsync();
        var frames = await client.RunAsync(9, false, argv);
        Assert.Equal([new ErrorFrame(9, message), new EndFrame(9, exit)], frames);
        // The connection stays usable after a failure.
        Assert.Equal(new EndFrame(10, 0), (await client.RunAsync(10, false, "test", "echo", "x")).Last());
    }

    [Fact]
    public async Task Disconnect_cancels_a_streaming_command()
    {
        var (endpoint, palette) = await StartAsync();
        await using var _e = endpoint;
        var client = await RawShellClient.ConnectAsync(endpoint.LocalEndPoint);
        await client.WelcomeAsync();
        await client.SendAsync(new RequestFrame(1, ["test", "stream"], null, false));
        Assert.Equal(new LineFrame(1, "tick"), await client.ReadAsync("the first streamed line"));
        await WaitAsync(palette.StreamStarted.Task, "the stream handler to start");
        await client.DisposeAsync();
        await WaitAsync(palette.StreamCancelled.Task, "the stream handler to observe cancellation after the client disconnected");
    }

    [Fact]
    public async Task Cancel_frame_stops_the_stream_and_keeps_the_connection()
    {
        var (endpoint, palette) = await StartAsync();
        await using var _e = endpoint;
        await using var client = await RawShellClient.ConnectAsync(endpoint.LocalEndPoint);
        await client.WelcomeAsync();
        await client.SendAsync(new RequestFrame(1, ["test", "stream"], null, false));
        Assert.Equal(new LineFrame(1, "tick"), await client.ReadAsync("the first streamed line"));
        var busy = await client.RunAsync(2, false, "test", "echo", "x");
        Assert.Equal(ShellProtocol.ExitUsage, Assert.IsType<EndFrame>(busy.Last()).Exit);
        Assert.Contains("still running", Assert.IsType<ErrorFrame>(busy[0]).Message);
        await client.SendAsync(new CancelFrame(1));
        Assert.Equal([new EndFrame(1, ShellProtocol.ExitInterrupted)], await client.ReadUntilEndAsync(1));
        Assert.True(palette.StreamCancelled.Task.IsCompletedSuccessfully);
        Assert.Equal(new LineFrame(3, "again"), (await client.RunAsync(3, false, "test", "echo", "again"))[0]);
    }

    [Fact]
    public async Task Remote_client_is_refused_when_no_token_is_configured()
    {
        var (endpoint, _) = await StartAsync(isLocal: _ => false);
        await using var _e = endpoint;
        await using var client = await RawShellClient.ConnectAsync(endpoint.LocalEndPoint);
        var answer = Assert.IsType<RejectedFrame>(await client.ReadAsync("an immediate refusal"));
        Assert.Contains("no operator token (uc.shell.token)", answer.Reason);
        Assert.Null(await client.ReadAsync("the connection to close"));
    }

    [Fact]
    public async Task Remote_client_must_present_the_configured_token()
    {
        var (endpoint, _) = await StartAsync(new CommandEndpointSettings { Port = 0, OperatorToken = Token }, _ => false);
        await using var _e = endpoint;

        await using (var missing = await RawShellClient.ConnectAsync(endpoint.LocalEndPoint))
            Assert.Contains("requires an operator token", Assert.IsType<RejectedFrame>(await missing.HelloAsync()).Reason);

        await using (var wrong = await RawShellClient.ConnectAsync(endpoint.LocalEndPoint))
        {
            Assert.Equal(new RejectedFrame("operator token rejected"), await wrong.HelloAsync("s3cret-operator-tokeN"));
            Assert.Null(await wrong.ReadAsync("the connection to close after a wrong token"));
        }

        await using var right = await RawShellClient.ConnectAsync(endpoint.LocalEndPoint);
        await right.WelcomeAsync(Token);
        Assert.Equal(new EndFrame(1, 0), (await right.RunAsync(1, false, "test", "echo", "hi")).Last());
    }

    [Fact]
    public async Task Loopback_client_needs_no_token_even_when_one_is_configured()
    {
        var (endpoint, _) = await StartAsync(new CommandEndpointSettings { Port = 0, OperatorToken = Token });
        await using var _e = endpoint;
        await using var client = await RawShellClient.ConnectAsync(endpoint.LocalEndPoint);
        await client.WelcomeAsync();
    }

    [Fact]
    public async Task Clients_beyond_max_connections_are_refused_with_a_reason()
    {
        var (endpoint, _) = await StartAsync(new CommandEndpointSettings { Port = 0, MaxConnections = 1 });
        await using var _e = endpoint;
        await using var first = await RawShellClient.ConnectAsync(endpoint.LocalEndPoint);
        await first.WelcomeAsync();
        await using var second = await RawShellClient.ConnectAsync(endpoint.LocalEndPoint);
        Assert.Contains("too many shell connections", Assert.IsType<RejectedFrame>(await second.ReadAsync("a refusal")).Reason);
    }

    [Fact]
    public async Task Wrong_protocol_version_is_refused()
    {
        var (endpoint, _) = await StartAsync();
        await using var _e = endpoint;
        await using var client = await RawShellClient.ConnectAsync(endpoint.LocalEndPoint);
        await client.SendAsync(new HelloFrame(99, "future", null));
        Assert.Contains("protocol version 99 is not supported", Assert.IsType<RejectedFrame>(await client.ReadAsync("a refusal")).Reason);
    }

    [Fact]
    public async Task Hand_typed_frames_with_type_last_and_unknown_properties_are_accepted()
    {
        var (endpoint, _) = await StartAsync();
        await using var _e = endpoint;
        await using var client = await RawShellClient.ConnectAsync(endpoint.LocalEndPoint);
        var typed = "\n{\"protocol\":1,\"client\":\"nc\",\"extra\":true,\"type\":\"hello\"}\r\n" +
                    "{\"id\":5,\"line\":\"test echo typed\",\"json\":false,\"type\":\"request\"}\n";
        await client.Stream.WriteAsync(Encoding.UTF8.GetBytes(typed));
        Assert.IsType<WelcomeFrame>(await client.ReadAsync("a welcome for a hand-typed hello"));
        Assert.Equal([new LineFrame(5, "typed"), new EndFrame(5, 0)], await client.ReadUntilEndAsync(5));
    }

    [Fact]
    public async Task Oversized_frame_closes_the_connection()
    {
        var (endpoint, _) = await StartAsync(new CommandEndpointSettings { Port = 0, MaxFrameBytes = 1024 });
        await using var _e = endpoint;
        await using var client = await RawShellClient.ConnectAsync(endpoint.LocalEndPoint);
        await client.WelcomeAsync();
        var huge = Encoding.UTF8.GetBytes(new string('x', 4096));
        await client.Stream.WriteAsync(huge);
        Assert.Null(await client.ReadAsync("the node to close a connection that sent an oversized frame"));
    }

    [Fact]
    public async Task Stop_cancels_running_commands()
    {
        var (endpoint, palette) = await StartAsync();
        await using var client = await RawShellClient.ConnectAsync(endpoint.LocalEndPoint);
        await client.WelcomeAsync();
        await client.SendAsync(new RequestFrame(1, ["test", "stream"], null, false));
        await WaitAsync(palette.StreamStarted.Task, "the stream handler to start");
        await WaitAsync(endpoint.StopAsync(), "the endpoint to stop");
        Assert.True(palette.StreamCancelled.Task.IsCompletedSuccessfully);
        Assert.Equal(0, endpoint.ActiveConnections);
    }

    [Fact]
    public async Task Port_in_use_fails_with_the_setting_to_change()
    {
        var (first, _) = await StartAsync();
        await using var _e = first;
        var second = new CommandEndpoint(new CommandEndpointSettings { Port = first.LocalEndPoint.Port }, new CommandRegistry(),
            new CommandEndpointIdentity("n", "a", "v"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => second.StartAsync());
        Assert.Contains("uc.shell.host/uc.shell.port", error.Message);
    }

    [Fact]
    public void Settings_validation_names_the_key()
    {
        Assert.Contains("uc.shell.token", Assert.Throws<ArgumentException>(() => new CommandEndpointSettings { OperatorToken = "short" }.Validate()).Message);
        Assert.Contains("uc.shell.max-connections", Assert.Throws<ArgumentException>(() => new CommandEndpointSettings { MaxConnections = 0 }.Validate()).Message);
    }

    [Fact]
    public void Table_json_conversion_keeps_value_types()
    {
        var table = new CommandTable("id", "up", "since").AddRow(1L, true, null);
        var json = CommandJson.TableToJson(table).ToJsonString();
        Assert.Equal("""[{"id":1,"up":true,"since":null}]""", json);
        Assert.Equal(JsonNode.Parse(json)!.ToJsonString(), json);
    }
}
