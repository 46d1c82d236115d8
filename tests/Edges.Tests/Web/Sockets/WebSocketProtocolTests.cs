using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Cluster.Edges.Tests.Web.Support;
using Cluster.Edges.Web;

namespace Cluster.Edges.Tests.Web.Sockets;

public sealed class WebSocketProtocolTests
{
    private static void RegisterTestHandlers(WebEdgeServer server)
    {
        server.Handlers.Register("echo", (request, _) => ValueTask.FromResult<JsonNode?>(new JsonObject
        {
            ["text"] = request.Data.GetProperty("text").GetString(),
            ["user"] = request.Session.User.UserId,
        }));
        server.Handlers.Register("explode", (_, _) => throw new InvalidOperationException("handler bug"));
        server.Handlers.Register("forbidden", (_, _) => throw new ClientRequestException("forbidden", "not your contact"));
    }

    private static async Task<(WebTestServer Web, TestSocket Socket)> OpenAsync(Func<WebSettings, WebSettings>? configure = null)
    {
        var web = await WebTestServer.StartAsync(configure);
        RegisterTestHandlers(web.Server);
        var (socket, _, _, _) = await web.ConnectAuthenticatedAsync();
        return (web, socket);
    }

    [Fact]
    public async Task Requests_are_dispatched_by_type_and_replies_carry_the_request_id()
    {
        var (web, socket) = await OpenAsync();
        await using var webScope = web;
        await using var socketScope = socket;

        await socket.SendAsync(new { type = "echo", id = "req-1", data = new { text = "one" } });
        await socket.SendAsync(new { type = "echo", id = "req-2", data = new { text = "two" } });
        var first = await socket.ReceiveAsync("reply to req-1");
        var second = await socket.ReceiveAsync("reply to req-2");

        Assert.Equal(("result", "req-1", "one"), (first.GetProperty("type").GetString(), first.GetProperty("id").GetString(),
            first.GetProperty("data").GetProperty("text").GetString()));
        Assert.Equal(("req-2", "two"), (second.GetProperty("id").GetString(), second.GetProperty("data").GetProperty("text").GetString()));
        Assert.Equal(WebTestServer.Alice, first.GetProperty("data").GetProperty("user").GetString());
        Assert.False(first.TryGetProperty("seq", out _)); // replies are not numbered pushes
    }

    [Fact]
    public async Task Ping_is_answered_with_an_empty_result()
    {
        var (web, socket) = await OpenAsync();
        await using var webScope = web;
        await using var socketScope = socket;

        var reply = await socket.RequestAsync("ping", "p1");

        Assert.Equal("result", reply.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Unknown_type_is_an_error_and_the_connection_stays_open()
    {
        var (web, socket) = await OpenAsync();
        await using var webScope = web;
        await using var socketScope = socket;

        var error = await socket.RequestAsync("teleport", "t1");
        var after = await socket.RequestAsync("ping", "p1");

        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal(ClientErrorCodes.UnknownType, error.GetProperty("data").GetProperty("code").GetString());
        Assert.Equal("result", after.GetProperty("type").GetString());
        Assert.Equal(1, web.Server.Counters.Errors(ClientErrorCodes.UnknownType));
    }

    [Theory]
    [InlineData("{\"type\": \"echo\", ", ClientErrorCodes.BadJson)]
    [InlineData("\u00ff\u00fe", ClientErrorCodes.BadJson)]
    [InlineData("[1, 2]", ClientErrorCodes.BadRequest)]
    [InlineData("{\"id\": \"x\"}", ClientErrorCodes.BadRequest)]
    [InlineData("{\"type\": \"echo\", \"id\": 7}", ClientErrorCodes.BadRequest)]
    [InlineData("{\"type\": \"echo\", \"id\": \"x\", \"data\": []}", ClientErrorCodes.BadRequest)]
    public async Task Malformed_messages_get_an_error_code_and_the_connection_survives(string text, string code)
    {
        var (web, socket) = await OpenAsync();
        await using var webScope = web;
        await using var socketScope = socket;

        await socket.SendAsync(text);
        var error = await socket.ReceiveAsync($"a {code} error");
        var after = await socket.RequestAsync("ping", "p1");

        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("data").GetProperty("code").GetString());
        Assert.Equal("result", after.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Bad_request_error_keeps_the_id_when_it_could_be_read()
    {
        var (web, socket) = await OpenAsync();
        await using var webScope = web;
        await using var socketScope = socket;

        await socket.SendAsync("{\"id\": \"r9\", \"data\": {}}");
        var error = await socket.ReceiveAsync("a bad-request error");

        Assert.Equal("r9", error.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Handler_exception_becomes_internal_error_and_the_connection_survives()
    {
        var (web, socket) = await OpenAsync();
        await using var webScope = web;
        await using var socketScope = socket;

        var error = await socket.RequestAsync("explode", "x1");
        var after = await socket.RequestAsync("echo", "e1", new { text = "still here" });

        Assert.Equal(ClientErrorCodes.InternalError, error.GetProperty("data").GetProperty("code").GetString());
        Assert.DoesNotContain("handler bug", error.GetRawText()); // details stay in the log
        Assert.Equal("still here", after.GetProperty("data").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Handler_request_exception_sends_its_own_code()
    {
        var (web, socket) = await OpenAsync();
        await using var webScope = web;
        await using var socketScope = socket;

        var error = await socket.RequestAsync("forbidden", "f1");

        Assert.Equal("forbidden", error.GetProperty("data").GetProperty("code").GetString());
        Assert.Equal("not your contact", error.GetProperty("data").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Oversized_message_closes_with_1009()
    {
        var (web, socket) = await OpenAsync(s => s with { WebSocketMaxMessageSize = 2048 });
        await using var webScope = web;
        await using var socketScope = socket;
        var text = "{\"type\":\"echo\",\"id\":\"big\",\"data\":{\"text\":\"" + new string('x', 3000) + "\"}}";

        await socket.SendAsync(text);
        var close = await socket.ReceiveCloseAsync("close for an oversized message");

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, close.Status);
        Assert.Equal("message larger than 2048 bytes", close.Reason);
        Assert.Empty(close.Before);
    }

    [Fact]
    public async Task Message_of_exactly_the_maximum_size_is_accepted()
    {
        var (web, socket) = await OpenAsync(s => s with { WebSocketMaxMessageSize = 2048 });
        await using var webScope = web;
        await using var socketScope = socket;
        var prefix = "{\"type\":\"echo\",\"id\":\"fit\",\"data\":{\"text\":\"";
        var text = prefix + new string('y', 2048 - prefix.Length - 3) + "\"}}";
        Assert.Equal(2048, Encoding.UTF8.GetByteCount(text));

        await socket.SendAsync(text);
        var reply = await socket.ReceiveAsync("reply to a message of exactly the maximum size");

        Assert.Equal("fit", reply.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Binary_message_closes_with_1003()
    {
        var (web, socket) = await OpenAsync();
        await using var webScope = web;
        await using var socketScope = socket;

        await socket.SendBytesAsync([1, 2, 3], WebSocketMessageType.Binary);
        var close = await socket.ReceiveCloseAsync("close for a binary message");

        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, close.Status);
        Assert.Contains("binary", close.Reason);
    }

    [Fact]
    public async Task Flooding_gets_rate_limited_error_then_close_1008()
    {
        var (web, socket) = await OpenAsync(s => s with { MaxMessagesPerSecond = 5 });
        await using var webScope = web;
        await using var socketScope = socket;

        // The manual clock does not move, so the bucket holds exactly 5 tokens (auth took one).
        for (var i = 0; i < 6; i++)
            await socket.SendAsync(new { type = "ping", id = $"p{i}" });
        var close = await socket.ReceiveCloseAsync("close for flooding");

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, close.Status);
        Assert.Equal("message rate above 5/s", close.Reason);
        Assert.Equal(4, close.Before.Count(m => m.GetProperty("type").GetString() == "result"));
        var error = Assert.Single(close.Before, m => m.GetProperty("type").GetString() == "error");
        Assert.Equal(ClientErrorCodes.RateLimited, error.GetProperty("data").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Rate_limit_refills_as_time_passes()
    {
        var (web, socket) = await OpenAsync(s => s with { MaxMessagesPerSecond = 2 });
        await using var webScope = web;
        await using var socketScope = socket;

        for (var round = 0; round < 3; round++)
        {
            web.Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal("result", (await socket.RequestAsync("ping", $"a{round}")).GetProperty("type").GetString());
            Assert.Equal("result", (await socket.RequestAsync("ping", $"b{round}")).GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task Upgrades_beyond_max_connections_get_503()
    {
        await using var web = await WebTestServer.StartAsync(s => s with { MaxConnections = 1 });
        var (socket, _, _, _) = await web.ConnectAuthenticatedAsync();
        await using var _ = socket;
        using var second = new ClientWebSocket();
        second.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => second.ConnectAsync(web.SocketUri, CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.HttpStatusCode);
        Assert.Equal(1, web.Server.Counters.ConnectionsRejected);
    }

    [Fact]
    public async Task Idle_connection_is_closed_after_the_idle_timeout_and_messages_reset_it()
    {
        var (web, socket) = await OpenAsync(s => s with { IdleTimeout = TimeSpan.FromMinutes(5) });
        await using var webScope = web;
        await using var socketScope = socket;

        web.Clock.Advance(TimeSpan.FromMinutes(4));
        await socket.RequestAsync("ping", "p1"); // re-arms the timer
        web.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal("result", (await socket.RequestAsync("ping", "p2")).GetProperty("type").GetString());
        web.Clock.Advance(TimeSpan.FromMinutes(5));
        var close = await socket.ReceiveCloseAsync("close for the idle timeout");

        Assert.Equal(WebSocketCloseStatus.NormalClosure, close.Status);
        Assert.Equal("idle timeout", close.Reason);
    }

    [Fact]
    public async Task Counters_track_connections_and_messages()
    {
        var (web, socket) = await OpenAsync();
        await using var _ = web;

        await socket.RequestAsync("ping", "p1");
        Assert.Equal(1, web.Server.Counters.ConnectionsCurrent);
        await socket.DisposeAsync();
        await web.Listener.WaitAsync("detached");

        Assert.Equal(1, web.Server.Counters.ConnectionsOpened);
        Assert.Equal(0, web.Server.Counters.ConnectionsCurrent);
        Assert.Equal(2, web.Server.Counters.MessagesIn);
        Assert.Equal(2, web.Server.Counters.MessagesOut);
    }
}
