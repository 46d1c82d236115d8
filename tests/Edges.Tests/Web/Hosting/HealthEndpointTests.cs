using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cluster.Edges.Tests.Web.Support;
using Cluster.Edges.Web;

namespace Cluster.Edges.Tests.Web.Hosting;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Health_answers_200_while_the_server_serves()
    {
        await using var web = await WebTestServer.StartAsync();

        using var response = await web.Http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alive", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_is_200_when_every_check_passes()
    {
        await using var web = await WebTestServer.StartAsync();
        web.Server.Readiness.Register("database", _ => Task.FromResult(ReadinessResult.Healthy));

        using var response = await web.Http.GetAsync("/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_is_503_listing_failing_and_throwing_checks_only()
    {
        await using var web = await WebTestServer.StartAsync();
        web.Server.Readiness.Register("database", _ => Task.FromResult(ReadinessResult.Healthy));
        web.Server.Readiness.Register("membership", _ => Task.FromResult(ReadinessResult.NotReady("node is Joining")));
        web.Server.Readiness.Register("sharding", _ => throw new InvalidOperationException("region not started"));

        using var response = await web.Http.GetAsync("/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("not-ready", body.GetProperty("status").GetString());
        var failing = body.GetProperty("failing");
        Assert.Equal("node is Joining", failing.GetProperty("membership").GetString());
        Assert.Contains("region not started", failing.GetProperty("sharding").GetString());
        Assert.False(failing.TryGetProperty("database", out _));
    }

    [Fact]
    public async Task Ready_turns_200_again_when_a_failing_check_is_removed()
    {
        await using var web = await WebTestServer.StartAsync();
        web.Server.Readiness.Register("membership", _ => Task.FromResult(ReadinessResult.NotReady("node is Joining")));
        using (var before = await web.Http.GetAsync("/ready"))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);

        web.Server.Readiness.Unregister("membership");

        using var after = await web.Http.GetAsync("/ready");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Unknown_path_is_404_and_wrong_method_is_405_with_allow()
    {
        await using var web = await WebTestServer.StartAsync();

        using var missing = await web.Http.GetAsync("/api/v1/nothing-here");
        using var wrongMethod = await web.Http.GetAsync("/api/v1/login");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Contains("POST", wrongMethod.Content.Headers.Allow);
    }
}
