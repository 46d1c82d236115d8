using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Cluster.Edges.Tests.Web.Api.Support;

namespace Cluster.Edges.Tests.Web.Api;

public sealed class PresenceApiTests
{
    [Fact]
    public async Task A_contact_on_another_node_sees_presence_and_note_changes_as_pushes()
    {
        await using var cluster = await ApiCluster.StartAsync(nodeCount: 2);
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        var bob = await cluster.CreateUserAsync("bob@example.com", "Bob");
        await cluster.MakeContactsAsync(alice, bob);
        await using var aliceClient = await cluster.ConnectAsync(cluster[0], alice);
        await using var bobClient = await cluster.ConnectAsync(cluster[1], bob);

        var subscribed = await bobClient.OkAsync("presence.subscribe", new { users = new[] { "alice@example.com" } });
        var first = subscribed.GetProperty("presence")[0];
        Assert.Equal("active", first.GetProperty("state").GetString());
        Assert.Equal("team", first.GetProperty("level").GetString());
        Assert.Equal("available", first.GetProperty("view").GetProperty("availability").GetString());

        var own = await aliceClient.OkAsync("presence.set", new { availability = "do-not-disturb", activity = "meeting", note = "Board meeting" });
        Assert.Equal("do-not-disturb", own.GetProperty("view").GetProperty("availability").GetString());

        var pushed = await bobClient.PushAsync("presence.changed",
            p => p.GetProperty("view").TryGetProperty("note", out var note) && note.GetString() == "Board meeting", "alice's note");
        Assert.Equal("alice@example.com", pushed.GetProperty("user").GetString());
        Assert.Equal("do-not-disturb", pushed.GetProperty("view").GetProperty("availability").GetString());
        Assert.Equal("meeting", pushed.GetProperty("view").GetProperty("activity").GetString());
    }

    [Fact]
    public async Task Own_presence_changes_reach_the_users_other_sessions()
    {
        await using var cluster = await ApiCluster.StartAsync(nodeCount: 2);
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        await using var desk = await cluster.ConnectAsync(cluster[0], alice);
        await using var laptop = await cluster.ConnectAsync(cluster[1], alice);

        await desk.OkAsync("presence.set", new { availability = "busy" });

        var pushed = await laptop.PushAsync("presence.changed", p => p.GetProperty("view").GetProperty("availability").GetString() == "busy", "own busy state");
        Assert.Equal("alice@example.com", pushed.GetProperty("user").GetString());
    }

    [Fact]
    public async Task Presence_get_filters_by_the_level_granted_to_the_asker()
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        var carol = await cluster.CreateUserAsync("carol@partner.example", "Carol");
        await cluster.Users.SendAsync(alice, new SetNote("secret note"));
        await using var aliceClient = await cluster.ConnectAsync(cluster[0], alice);
        await using var carolClient = await cluster.ConnectAsync(cluster[0], carol);

        var seen = await carolClient.OkAsync("presence.get", new { user = "alice@example.com" });

        Assert.Equal("public", seen.GetProperty("level").GetString());
        Assert.Equal("available", seen.GetProperty("view").GetProperty("availability").GetString());
        Assert.False(seen.GetProperty("view").TryGetProperty("note", out _));
        var self = await aliceClient.OkAsync("presence.get");
        Assert.Equal("secret note", self.GetProperty("view").GetProperty("note").GetString());
    }

    [Fact]
    public async Task Automatic_returns_to_derived_presence()
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        await using var client = await cluster.ConnectAsync(cluster[0], alice);
        await client.OkAsync("presence.set", new { availability = "away" });

        var back = await client.OkAsync("presence.set", new { availability = "automatic" });

        Assert.Equal("available", back.GetProperty("view").GetProperty("availability").GetString());
    }

    [Fact]
    public async Task Unsubscribe_removes_the_sessions_watcher_at_the_contact()
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        var bob = await cluster.CreateUserAsync("bob@example.com", "Bob");
        await using var bobClient = await cluster.ConnectAsync(cluster[0], bob);
        await bobClient.OkAsync("presence.subscribe", new { users = new[] { "alice@example.com" } });
        Assert.Single(await WatchersOf(cluster, alice));

        await bobClient.OkAsync("presence.unsubscribe", new { users = new[] { "alice@example.com" } });

        Assert.Empty(await WatchersOf(cluster, alice));
    }

    [Fact]
    public async Task A_session_is_a_presence_source_until_it_ends()
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        var bob = await cluster.CreateUserAsync("bob@example.com", "Bob");
        await cluster.MakeContactsAsync(alice, bob);
        await using var bobClient = await cluster.ConnectAsync(cluster[0], bob);
        var before = await bobClient.OkAsync("presence.subscribe", new { users = new[] { "alice@example.com" } });
        Assert.Equal("offline", before.GetProperty("presence")[0].GetProperty("view").GetProperty("availability").GetString());

        var aliceClient = await cluster.ConnectAsync(cluster[0], alice);
        await bobClient.PushAsync("presence.changed", p => Availability(p) == "available", "alice online");
        var targets = (CallTargetsReply)await cluster.Users.QueryAsync(alice, GetCallTargets.Instance);
        Assert.Equal(new EdgeEndpoint("node-a", aliceClient.SessionId), Assert.Single(targets.Sessions));

        var token = aliceClient.Token;
        using (var http = new HttpClient { BaseAddress = cluster[0].BaseUri })
        {
            using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/logout");
            logout.Headers.Authorization = new("Bearer", token);
            (await http.SendAsync(logout)).EnsureSuccessStatusCode();
        }
        await cluster[0].Listener.WaitAsync("ended", aliceClient.SessionId);
        await cluster[0].Api.DrainAsync();
        await aliceClient.DisposeAsync();

        await bobClient.PushAsync("presence.changed", p => Availability(p) == "offline", "alice offline after logout");
        Assert.Empty(((CallTargetsReply)await cluster.Users.QueryAsync(alice, GetCallTargets.Instance)).Sessions);
        Assert.DoesNotContain(await WatchersOf(cluster, alice), w => w.Id.Token == aliceClient.SessionId);
    }

    [Fact]
    public async Task A_resumed_session_receives_the_presence_changes_it_missed()
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        var bob = await cluster.CreateUserAsync("bob@example.com", "Bob");
        await cluster.MakeContactsAsync(alice, bob);
        await using var aliceClient = await cluster.ConnectAsync(cluster[0], alice);
        var bobClient = await cluster.ConnectAsync(cluster[0], bob);
        await bobClient.OkAsync("presence.subscribe", new { users = new[] { "alice@example.com" } });
        var lastSeq = bobClient.LastSeq;
        await bobClient.AbortAsync();
        await cluster[0].Listener.WaitAsync("detached", bobClient.SessionId);

        await aliceClient.OkAsync("presence.set", new { availability = "busy", note = "while you were away" });

        var (resumed, reply) = await ApiClient.OpenAsync(cluster[0].SocketUri, bob.ToString(), bobClient.Token, bobClient.SessionId, lastSeq);
        await using var resumedScope = resumed;
        Assert.True(reply.GetProperty("data").GetProperty("resumed").GetBoolean());
        var missed = await resumed.PushAsync("presence.changed", p => p.GetProperty("user").GetString() == "alice@example.com" && p.GetProperty("view").TryGetProperty("note", out _), "missed note");
        Assert.Equal("busy", Availability(missed));
        Assert.Equal("while you were away", missed.GetProperty("view").GetProperty("note").GetString());
        await bobClient.DisposeAsync();
    }

    [Theory]
    [InlineData("{}", "'availability' or 'note'")]
    [InlineData("{\"availability\": \"sleepy\"}", "'availability' must be one of available, away, busy, do-not-disturb")]
    [InlineData("{\"availability\": \"busy\", \"until\": \"tomorrow\"}", "'until' must be an ISO 8601 time")]
    [InlineData("{\"note\": 42}", "'note' must be a string")]
    public async Task Presence_set_with_bad_fields_is_a_bad_request_naming_the_field(string data, string expected)
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        await using var client = await cluster.ConnectAsync(cluster[0], alice);

        var (code, message) = await client.ErrorAsync("presence.set", System.Text.Json.JsonDocument.Parse(data).RootElement);

        Assert.Equal("bad-request", code);
        Assert.Contains(expected, message);
    }

    [Theory]
    [InlineData("presence.subscribe", "{}", "'users' is required")]
    [InlineData("presence.subscribe", "{\"users\": [\"not-an-address\"]}", "'users[0]'")]
    [InlineData("presence.unsubscribe", "{\"users\": []}", "'users' must hold 1..")]
    [InlineData("presence.get", "{\"user\": \"sip:bob@example.com\"}", "'user'")]
    public async Task Presence_requests_with_bad_addresses_are_bad_requests(string type, string data, string expected)
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        await using var client = await cluster.ConnectAsync(cluster[0], alice);

        var (code, message) = await client.ErrorAsync(type, System.Text.Json.JsonDocument.Parse(data).RootElement);

        Assert.Equal("bad-request", code);
        Assert.Contains(expected, message);
    }

    [Fact]
    public async Task Subscribing_to_an_unknown_user_reports_not_found_for_that_entry()
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        await using var client = await cluster.ConnectAsync(cluster[0], alice);

        var result = await client.OkAsync("presence.subscribe", new { users = new[] { "ghost@example.com" } });

        Assert.Equal("not-found", result.GetProperty("presence")[0].GetProperty("state").GetString());
    }

    private static string? Availability(System.Text.Json.JsonElement push) =>
        push.TryGetProperty("view", out var view) ? view.GetProperty("availability").GetString() : null;

    private static async Task<IReadOnlyList<WatcherInfo>> WatchersOf(ApiCluster cluster, UserAddress user) =>
        ((WatchersReply)await cluster.Users.QueryAsync(user, GetWatchers.Instance)).Watchers.Where(w => w.WatcherAddress != user).ToList();
}
