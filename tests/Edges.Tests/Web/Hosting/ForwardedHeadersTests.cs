using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cluster.Edges.Tests.Web.Support;

namespace Cluster.Edges.Tests.Web.Hosting;

public sealed class ForwardedHeadersTests
{
    private static void Forwarded(HttpRequestMessage request, string forwardedFor)
    {
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "uc.example.com");
    }

    private static async Task<JsonElement> InfoAsync(WebTestServer web)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/info");
        Forwarded(request, "203.0.113.9");
        using var response = await web.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Loopback_peer_is_not_trusted_unless_configured()
    {
        await using var web = await WebTestServer.StartAsync();

        var info = await InfoAsync(web);
        using var login = await web.PostLoginAsync(WebTestServer.Alice, WebTestServer.AlicePassword, r => Forwarded(r, "203.0.113.9"));

        Assert.Equal($"http://127.0.0.1:{web.Server.HttpEndPoint!.Port}", info.GetProperty("baseUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(IPAddress.Loopback, Assert.Single(web.Server.Tokens.List()).RemoteAddress);
    }

    [Fact]
    public async Task Trusted_proxy_sets_client_address_scheme_and_host()
    {
        await using var web = await WebTestServer.StartAsync(s => s with { TrustedProxies = ["127.0.0.1"] });

        var info = await InfoAsync(web);
        using var login = await web.PostLoginAsync(WebTestServer.Alice, WebTestServer.AlicePassword, r => Forwarded(r, "203.0.113.9"));

        Assert.Equal("https://uc.example.com", info.GetProperty("baseUrl").GetString());
        Assert.Equal("wss://uc.example.com/ws/client/websocket", info.GetProperty("websocketUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(IPAddress.Parse("203.0.113.9"), Assert.Single(web.Server.Tokens.List()).RemoteAddress);
    }

    [Fact]
    public async Task Chain_is_walked_right_to_left_past_trusted_proxies_only()
    {
        await using var web = await WebTestServer.StartAsync(s => s with { TrustedProxies = ["127.0.0.0/8", "10.0.0.0/8"] });

        // A client-supplied left-most entry (198.51.100.66) must not win over the address our proxies saw.
        using var login = await web.PostLoginAsync(WebTestServer.Alice, WebTestServer.AlicePassword,
            r => Forwarded(r, "198.51.100.66, 192.0.2.44, 10.1.2.3"));

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(IPAddress.Parse("192.0.2.44"), Assert.Single(web.Server.Tokens.List()).RemoteAddress);
    }

    [Fact]
    public async Task Spoofed_forwarded_for_from_untrusted_peer_does_not_escape_the_address_rate_limit()
    {
        await using var web = await WebTestServer.StartAsync(s => s with { LoginRateLimitPerAddress = 2 });

        for (var i = 1; i <= 2; i++)
        {
            using var allowed = await web.PostLoginAsync(WebTestServer.Bob, "wrong", r => Forwarded(r, $"203.0.113.{i}"));
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }
        using var refused = await web.PostLoginAsync(WebTestServer.Alice, WebTestServer.AlicePassword, r => Forwarded(r, "203.0.113.3"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_client_address_has_its_own_rate_limit()
    {
        await using var web = await WebTestServer.StartAsync(s => s with { LoginRateLimitPerAddress = 2, TrustedProxies = ["127.0.0.1"] });

        for (var i = 0; i < 2; i++)
        {
            using var first = await web.PostLoginAsync(WebTestServer.Bob, "wrong", r => Forwarded(r, "203.0.113.1"));
            Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        }
        using var otherClient = await web.PostLoginAsync(WebTestServer.Alice, WebTestServer.AlicePassword, r => Forwarded(r, "203.0.113.2"));
        using var sameClient = await web.PostLoginAsync(WebTestServer.Alice, WebTestServer.AlicePassword, r => Forwarded(r, "203.0.113.1"));

        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, sameClient.StatusCode);
    }

    [Fact]
    public async Task Public_base_url_overrides_the_request_for_discovery()
    {
        await using var web = await WebTestServer.StartAsync(s => s with { PublicBaseUrl = "https://procall.example.org/" });

        var info = await InfoAsync(web);

        Assert.Equal("https://procall.example.org", info.GetProperty("baseUrl").GetString());
        Assert.Equal("wss://procall.example.org/ws/client/websocket", info.GetProperty("websocketUrl").GetString());
    }
}
