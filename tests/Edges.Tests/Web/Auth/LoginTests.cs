using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cluster.Edges.Tests.Web.Support;

namespace Cluster.Edges.Tests.Web.Auth;

public sealed class LoginTests
{
    [Fact]
    public async Task Login_returns_token_expiry_and_user_and_the_token_authorizes_requests()
    {
        await using var web = await WebTestServer.StartAsync();

        using var response = await web.PostLoginAsync(WebTestServer.Alice, WebTestServer.AlicePassword);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString()!;
        using var session = await web.GetWithTokenAsync("/api/v1/session", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(43, token.Length); // 256 bits, base64url without padding
        Assert.Equal(web.Clock.GetUtcNow() + web.Server.Settings.SessionTokenTtl, body.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal(WebTestServer.Alice, body.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal("Alice Liddell", body.GetProperty("user").GetProperty("displayName").GetString());
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal(1, web.Server.Counters.LoginsOk);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_401()
    {
        await using var web = await WebTestServer.StartAsync();

        using var wrong = await web.PostLoginAsync(WebTestServer.Alice, "nope");
        using var unknown = await web.PostLoginAsync("mallory@example.com", "nope");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(await wrong.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Equal(2, web.Server.Counters.LoginsFailed);
        Assert.Empty(web.Server.Tokens.List());
    }

    [Theory]
    [InlineData("{\"username\":\"alice@example.com\"}")]
    [InlineData("{\"username\":1,\"password\":\"x\"}")]
    [InlineData("[]")]
    [InlineData("{not json")]
    public async Task Malformed_login_body_is_400(string json)
    {
        await using var web = await WebTestServer.StartAsync();

        using var response = await web.Http.PostAsync("/api/v1/login", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bad-request", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Login_without_json_content_type_is_415()
    {
        await using var web = await WebTestServer.StartAsync();

        using var response = await web.Http.PostAsync("/api/v1/login", new StringContent("username=alice", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Per_user_rate_limit_answers_429_with_retry_after_until_the_window_ends()
    {
        await using var web = await WebTestServer.StartAsync(s => s with { LoginRateLimitPerUser = 3, LockoutThreshold = 0 });
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await web.PostLoginAsync(WebTestServer.Alice, "wrong");
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }

        web.Clock.Advance(TimeSpan.FromSeconds(20));
        using var limited = await web.PostLoginAsync(WebTestServer.Alice, WebTestServer.AlicePassword);
        web.Clock.Advance(TimeSpan.FromSeconds(40));
        using var afterWindow = await web.PostLoginAsync(WebTestServer.Alice, WebTestServer.AlicePassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(40), limited.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, afterWindow.StatusCode);
        Assert.Equal(1, web.Server.Counters.LoginsRateLimited);
    }

    [Fact]
    public async Task Consecutive_failures_lock_the_account_and_the_right_password_gets_the_same_answer()
    {
        await using var web = await WebTestServer.StartAsync(s => s with { LockoutThreshold = 3, LockoutDuration = TimeSpan.FromMinutes(15) });
        for (var i = 0; i < 3; i++)
        {
            using var failed = await web.PostLoginAsync(WebTestServer.Alice, "guess" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
            web.Clock.Advance(TimeSpan.FromMinutes(1)); // stay clear of the rate windows
        }
        var callsBefore = web.Users.Calls;

        using var lockedWrong = await web.PostLoginAsync(WebTestServer.Alice, "guess again");
        using var lockedRight = await web.PostLoginAsync(WebTestServer.Alice, WebTestServer.AlicePassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, lockedWrong.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, lockedRight.StatusCode);
        Assert.Equal(await lockedWrong.Content.ReadAsStringAsync(), await lockedRight.Content.ReadAsStringAsync());
        Assert.Equal(TimeSpan.FromMinutes(14), lockedRight.Headers.RetryAfter?.Delta);
        Assert.Equal(callsBefore, web.Users.Calls); // the password is not even looked at
        Assert.Equal(2, web.Server.Counters.LoginsLocked);
        Assert.Contains("alice@example.com", web.Server.LoginThrottle.Locked().Keys);
    }

    [Fact]
    public async Task Lockout_ends_after_its_duration()
    {
        await using var web = await WebTestServer.StartAsync(s => s with { LockoutThreshold = 2, LockoutDuration = TimeSpan.FromMinutes(5) });
        for (var i = 0; i < 2; i++)
        {
            using var failed = await web.PostLoginAsync(WebTestServer.Alice, "guess");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }
        using (var locked = await web.PostLoginAsync(WebTestServer.Alice, WebTestServer.AlicePassword))
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);

        web.Clock.Advance(TimeSpan.FromMinutes(5));
        using var unlocked = await web.PostLoginAsync(WebTestServer.Alice, WebTestServer.AlicePassword);

        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
    }

    [Fact]
    public async Task Success_resets_the_consecutive_failure_count()
    {
        await using var web = await WebTestServer.StartAsync(s => s with { LockoutThreshold = 2 });
        using (var failed = await web.PostLoginAsync(WebTestServer.Alice, "guess"))
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        await web.LoginAsync();

        using var failedAgain = await web.PostLoginAsync(WebTestServer.Alice, "guess");
        using var stillOpen = await web.PostLoginAsync(WebTestServer.Alice, WebTestServer.AlicePassword);

        Assert.Equal(HttpStatusCode.Unauthorized, failedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillOpen.StatusCode);
    }

    [Fact]
    public async Task Lockout_is_per_username_case_insensitive_and_leaves_other_users_alone()
    {
        await using var web = await WebTestServer.StartAsync(s => s with { LockoutThreshold = 1 });
        using (var failed = await web.PostLoginAsync("ALICE@example.com", "guess"))
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);

        using var alice = await web.PostLoginAsync(WebTestServer.Alice, WebTestServer.AlicePassword);
        using var bob = await web.PostLoginAsync(WebTestServer.Bob, WebTestServer.BobPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, alice.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
    }
}
