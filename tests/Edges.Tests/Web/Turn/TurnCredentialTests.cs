using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cluster.Edges.Tests.Dns.Support;
using Cluster.Edges.Tests.Web.Support;
using Cluster.Edges.Web;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Web.Turn;

public sealed class TurnCredentialTests
{
    private const string Secret = "n0t-a-real-secret";
    private static readonly string[] Uris = ["turn:turn.example.com:3478?transport=udp", "turns:turn.example.com:5349?transport=tcp"];

    [Fact]
    public void Credentials_follow_the_turn_rest_api_format()
    {
        // ManualTimeProvider starts at 2025-01-01T00:00:00Z = 1735689600; + 1 h = 1735693200.
        var issuer = new HmacTurnCredentialIssuer(Secret, TimeSpan.FromHours(1), Uris, new ManualTimeProvider());

        var credentials = issuer.Issue("alice@example.com");

        Assert.Equal("1735693200:alice@example.com", credentials.Username);
        // printf '1735693200:alice@example.com' | openssl dgst -sha1 -hmac 'n0t-a-real-secret' -binary | base64
        Assert.Equal("meFpWBxh5swLuyf5VL+Em9KF/1M=", credentials.Password);
        Assert.Equal(TimeSpan.FromHours(1), credentials.Ttl);
        Assert.Equal(Uris, credentials.Uris);
    }

    [Fact]
    public void Bad_issuer_settings_and_user_ids_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new HmacTurnCredentialIssuer(Secret, TimeSpan.FromHours(1), ["http://turn.example.com"]));
        Assert.Throws<ArgumentException>(() => new HmacTurnCredentialIssuer(Secret, TimeSpan.Zero, Uris));
        var issuer = new HmacTurnCredentialIssuer(Secret, TimeSpan.FromHours(1), Uris);
        Assert.Throws<ArgumentException>(() => issuer.Issue("evil:name"));
    }

    [Fact]
    public async Task Endpoint_issues_credentials_for_the_authenticated_user()
    {
        await using var web = await WebTestServer.StartAsync(services: s => s with
        {
            TurnCredentials = new HmacTurnCredentialIssuer(Secret, TimeSpan.FromDays(1), Uris, s.Time),
        });
        var token = await web.LoginAsync(WebTestServer.Bob, WebTestServer.BobPassword);

        using var response = await web.GetWithTokenAsync("/api/v1/turn-credentials", token);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1735776000:bob@example.com", body.GetProperty("username").GetString());
        // printf '1735776000:bob@example.com' | openssl dgst -sha1 -hmac 'n0t-a-real-secret' -binary | base64
        Assert.Equal("IDVEREBSgojQMouzvx1vu43a3oI=", body.GetProperty("password").GetString());
        Assert.Equal(86400, body.GetProperty("ttl").GetInt64());
        Assert.Equal(Uris, body.GetProperty("uris").EnumerateArray().Select(u => u.GetString()));
    }

    [Fact]
    public async Task Endpoint_requires_a_token()
    {
        await using var web = await WebTestServer.StartAsync(services: s => s with
        {
            TurnCredentials = new HmacTurnCredentialIssuer(Secret, TimeSpan.FromDays(1), Uris, s.Time),
        });

        using var response = await web.Http.GetAsync("/api/v1/turn-credentials");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Endpoint_without_a_configured_issuer_is_503()
    {
        await using var web = await WebTestServer.StartAsync();
        var token = await web.LoginAsync();

        using var response = await web.GetWithTokenAsync("/api/v1/turn-credentials", token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("turn-not-configured", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Websocket_turn_credentials_message_returns_the_same_shape()
    {
        await using var web = await WebTestServer.StartAsync(services: s => s with
        {
            TurnCredentials = new HmacTurnCredentialIssuer(Secret, TimeSpan.FromHours(1), Uris, s.Time),
        });
        var (socket, _, _, _) = await web.ConnectAuthenticatedAsync();
        await using var socketScope = socket;

        var reply = await socket.RequestAsync("turn.credentials", "t1");

        Assert.Equal("1735693200:alice@example.com", reply.GetProperty("data").GetProperty("username").GetString());
        Assert.Equal("meFpWBxh5swLuyf5VL+Em9KF/1M=", reply.GetProperty("data").GetProperty("password").GetString());
    }
}
