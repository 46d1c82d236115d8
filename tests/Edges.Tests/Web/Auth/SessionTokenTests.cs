using System.Net;
using System.Net.Http.Headers;
using Cluster.Edges.Tests.Dns.Support;
using Cluster.Edges.Tests.Web.Support;
using Cluster.Edges.Web;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Web.Auth;

public sealed class SessionTokenTests
{
    private static readonly AuthenticatedUser Alice = new("alice@example.com", "Alice");

    [Fact]
    public async Task Logout_makes_the_token_useless()
    {
        await using var web = await WebTestServer.StartAsync();
        var token = await web.LoginAsync();
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/logout");
        logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var loggedOut = await web.Http.SendAsync(logout);
        using var after = await web.GetWithTokenAsync("/api/v1/session", token);

        Assert.Equal(HttpStatusCode.NoContent, loggedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("Bearer", after.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Revoked_token_is_rejected_and_revoke_all_ends_every_token_of_the_user()
    {
        await using var web = await WebTestServer.StartAsync();
        var first = await web.LoginAsync();
        var second = await web.LoginAsync();
        var bob = await web.LoginAsync(WebTestServer.Bob, WebTestServer.BobPassword);
        var firstId = web.Server.Tokens.List().First(r => r.User.UserId == WebTestServer.Alice).TokenId;

        Assert.True(web.Server.Tokens.Revoke(firstId));
        using (var revoked = await web.GetWithTokenAsync("/api/v1/session", first))
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        using (var stillValid = await web.GetWithTokenAsync("/api/v1/session", second))
            Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);

        Assert.Equal(1, web.Server.Tokens.RevokeAll(WebTestServer.Alice));
        using (var afterAll = await web.GetWithTokenAsync("/api/v1/session", second))
            Assert.Equal(HttpStatusCode.Unauthorized, afterAll.StatusCode);
        using var bobStill = await web.GetWithTokenAsync("/api/v1/session", bob);
        Assert.Equal(HttpStatusCode.OK, bobStill.StatusCode);
    }

    [Fact]
    public void Store_keeps_only_the_hash_of_a_token()
    {
        var store = new InMemorySessionStore(TimeSpan.FromHours(1), TimeSpan.FromDays(1), new ManualTimeProvider());

        var issued = store.Create(Alice, IPAddress.Loopback, "test");

        Assert.DoesNotContain(issued.Token, issued.Record.ToString());
        Assert.NotEqual(issued.Token, issued.Record.TokenId);
        Assert.False(store.TryValidate(InMemorySessionStore.Hash(issued.Token), out _));
        Assert.True(store.TryValidate(issued.Token, out _));
    }

    [Fact]
    public void Expiry_slides_with_use_but_never_past_the_absolute_lifetime()
    {
        var clock = new ManualTimeProvider();
        var store = new InMemorySessionStore(TimeSpan.FromHours(1), TimeSpan.FromHours(3), clock);
        var issued = store.Create(Alice, null, null);

        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(50));
            Assert.True(store.TryValidate(issued.Token, out var record), $"use {i + 1} after {50 * (i + 1)} minutes should still be valid");
            Assert.True(record.ExpiresAt <= issued.Record.AbsoluteExpiresAt);
        }
        clock.Advance(TimeSpan.FromMinutes(30)); // used 30 min ago, but 3 h after login: absolute cap reached

        Assert.False(store.TryValidate(issued.Token, out _));
    }

    [Fact]
    public void Unused_token_expires_after_the_ttl_and_raises_ended()
    {
        var clock = new ManualTimeProvider();
        var store = new InMemorySessionStore(TimeSpan.FromHours(1), TimeSpan.FromHours(3), clock);
        var issued = store.Create(Alice, null, null);
        var ended = new List<SessionRevocation>();
        store.Ended += ended.Add;

        clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(1, store.RemoveExpired());
        Assert.False(store.TryValidate(issued.Token, out _));
        Assert.Equal(new SessionRevocation(issued.Record.TokenId, Alice.UserId, SessionEndReason.Expired), Assert.Single(ended));
        Assert.Empty(store.List());
    }
}
