using System.Net;
using System.Net.WebSockets;
using Cluster.Edges.Tests.Web.Support;
using Cluster.Edges.Web;

namespace Cluster.Edges.Tests.Web.Sockets;

public sealed class WebSocketAuthTests
{
    [Fact]
    public async Task Auth_with_a_token_opens_a_session()
    {
        await using var web = await WebTestServer.StartAsync();

        var (socket, session, server, _) = await web.ConnectAuthenticatedAsync();
        await using var _ = socket;

        Assert.Equal(WebTestServer.Alice, session.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal(0, session.GetProperty("lastSeq").GetInt64());
        Assert.False(session.GetProperty("resumed").GetBoolean());
        Assert.Equal(server.SessionId, session.GetProperty("sessionId").GetString());
        Assert.True(server.IsConnected);
    }

    [Fact]
    public async Task Bearer_header_on_the_upgrade_authenticates_without_a_token_in_the_message()
    {
        await using var web = await WebTestServer.StartAsync();
        var token = await web.LoginAsync();
        await using var socket = await web.ConnectAsync(bearer: token);

        var reply = await socket.RequestAsync("auth", "a1");

        Assert.Equal("result", reply.GetProperty("type").GetString());
        Assert.Equal(WebTestServer.Alice, reply.GetProperty("data").GetProperty("user").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Upgrade_with_an_invalid_bearer_header_is_refused_with_401()
    {
        await using var web = await WebTestServer.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer not-a-token");
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(web.SocketUri, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Token_in_the_query_string_is_ignored_unless_enabled()
    {
        await using var web = await WebTestServer.StartAsync();
        var token = await web.LoginAsync();
        using var raw = new ClientWebSocket();
        await raw.ConnectAsync(new Uri(web.SocketUri + "?access_token=" + token), CancellationToken.None);
        await using var socket = new TestSocket(raw);

        var reply = await socket.RequestAsync("auth", "a1");
        var close = await socket.ReceiveCloseAsync("close after auth without a token");

        Assert.Equal(ClientErrorCodes.AuthFailed, reply.GetProperty("data").GetProperty("code").GetString());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, close.Status);
    }

    [Fact]
    public async Task Unknown_token_gets_auth_failed_and_close_1008()
    {
        await using var web = await WebTestServer.StartAsync();
        await using var socket = await web.ConnectAsync();

        var reply = await socket.RequestAsync("auth", "a1", new { token = "forged" });
        var close = await socket.ReceiveCloseAsync("close after a failed auth");

        Assert.Equal("error", reply.GetProperty("type").GetString());
        Assert.Equal(ClientErrorCodes.AuthFailed, reply.GetProperty("data").GetProperty("code").GetString());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, close.Status);
        Assert.Equal("authentication failed", close.Reason);
    }

    [Fact]
    public async Task First_message_other_than_auth_is_refused_and_closed()
    {
        await using var web = await WebTestServer.StartAsync();
        web.Server.Handlers.Register("echo", (r, _) => ValueTask.FromResult<System.Text.Json.Nodes.JsonNode?>(null));
        await using var socket = await web.ConnectAsync();

        var reply = await socket.RequestAsync("echo", "e1");
        var close = await socket.ReceiveCloseAsync("close of an unauthenticated connection");

        Assert.Equal(ClientErrorCodes.AuthRequired, reply.GetProperty("data").GetProperty("code").GetString());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, close.Status);
        Assert.Contains("auth", close.Reason);
    }

    [Fact]
    public async Task Connection_that_does_not_authenticate_in_time_is_closed_with_a_reason()
    {
        // Real clock with a short timeout: the close itself is the event awaited.
        await using var web = await WebTestServer.StartAsync(s => s with { AuthTimeout = TimeSpan.FromMilliseconds(200) }, useSystemClock: true);
        await using var socket = await web.ConnectAsync();

        var close = await socket.ReceiveCloseAsync("close for the authentication timeout");

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, close.Status);
        Assert.Equal("not authenticated within 0.2 s", close.Reason);
        Assert.Equal(1, web.Server.Counters.Errors("auth-timeout"));
    }

    [Fact]
    public async Task Logout_closes_the_open_websocket_of_that_token_with_4001()
    {
        await using var web = await WebTestServer.StartAsync();
        var (socket, _, server, token) = await web.ConnectAuthenticatedAsync();
        await using var _ = socket;
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/logout");
        logout.Headers.Authorization = new("Bearer", token);

        using var response = await web.Http.SendAsync(logout);
        var close = await socket.ReceiveCloseAsync("close after logout");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(ClientCloseCodes.TokenEnded, close.Status);
        Assert.Equal("logged out", close.Reason);
        Assert.True(server.IsEnded);
    }

    [Fact]
    public async Task Operator_revoke_closes_the_websocket_and_the_token_fails_on_http()
    {
        await using var web = await WebTestServer.StartAsync();
        var (socket, _, _, token) = await web.ConnectAuthenticatedAsync();
        await using var _ = socket;

        Assert.Equal(1, web.Server.Tokens.RevokeAll(WebTestServer.Alice));
        var close = await socket.ReceiveCloseAsync("close after revoke");
        using var http = await web.GetWithTokenAsync("/api/v1/session", token);

        Assert.Equal(ClientCloseCodes.TokenEnded, close.Status);
        Assert.Equal("session token revoked", close.Reason);
        Assert.Equal(HttpStatusCode.Unauthorized, http.StatusCode);
    }

    [Fact]
    public async Task Plain_http_get_on_the_websocket_path_is_426()
    {
        await using var web = await WebTestServer.StartAsync();

        using var response = await web.Http.GetAsync("/ws/client/websocket");

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
    }
}
