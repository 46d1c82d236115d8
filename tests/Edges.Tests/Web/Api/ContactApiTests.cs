using Cluster.Edges.Tests.Web.Api.Support;

namespace Cluster.Edges.Tests.Web.Api;

public sealed class ContactApiTests
{
    [Fact]
    public async Task Adding_a_contact_pushes_a_request_and_accepting_it_answers_the_requester()
    {
        await using var cluster = await ApiCluster.StartAsync(nodeCount: 2);
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        var bob = await cluster.CreateUserAsync("bob@example.com", "Bob");
        await using var aliceClient = await cluster.ConnectAsync(cluster[0], alice);
        await using var bobClient = await cluster.ConnectAsync(cluster[1], bob);

        await aliceClient.OkAsync("contacts.add", new { address = "bob@example.com", message = "Hi Bob, it's Alice" });

        var request = await bobClient.PushAsync("contacts.request", expectation: "alice's request");
        Assert.Equal("alice@example.com", request.GetProperty("from").GetString());
        Assert.Equal("Hi Bob, it's Alice", request.GetProperty("message").GetString());
        var pending = await bobClient.OkAsync("contacts.list");
        var incoming = Assert.Single(pending.GetProperty("requests").EnumerateArray());
        Assert.Equal("incoming", incoming.GetProperty("direction").GetString());
        Assert.Equal("Alice", incoming.GetProperty("displayName").GetString());

        var accepted = await bobClient.OkAsync("contacts.accept", new { address = "alice@example.com", level = "personal" });
        Assert.Equal("personal", accepted.GetProperty("level").GetString());
        var answer = await aliceClient.PushAsync("contacts.answer", expectation: "bob's answer");
        Assert.True(answer.GetProperty("accepted").GetBoolean());

        var aliceList = await aliceClient.OkAsync("contacts.list");
        var contact = Assert.Single(aliceList.GetProperty("contacts").EnumerateArray());
        Assert.Equal("bob@example.com", contact.GetProperty("address").GetString());
        Assert.Equal("Bob", contact.GetProperty("displayName").GetString());
        Assert.Empty(aliceList.GetProperty("requests").EnumerateArray());
        var bobList = await bobClient.OkAsync("contacts.list");
        Assert.Equal("personal", Assert.Single(bobList.GetProperty("contacts").EnumerateArray()).GetProperty("level").GetString());
    }

    [Fact]
    public async Task Denying_with_block_hides_the_users_presence_from_the_requester()
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        var bob = await cluster.CreateUserAsync("bob@example.com", "Bob");
        await using var aliceClient = await cluster.ConnectAsync(cluster[0], alice);
        await using var bobClient = await cluster.ConnectAsync(cluster[0], bob);
        await aliceClient.OkAsync("contacts.add", new { address = "bob@example.com" });
        await bobClient.PushAsync("contacts.request");

        var denied = await bobClient.OkAsync("contacts.deny", new { address = "alice@example.com", block = true });

        Assert.True(denied.GetProperty("blocked").GetBoolean());
        var seen = await aliceClient.OkAsync("presence.get", new { user = "bob@example.com" });
        Assert.Equal("refused", seen.GetProperty("state").GetString());
        Assert.False(seen.TryGetProperty("view", out _));
    }

    [Fact]
    public async Task Set_level_and_remove_change_the_roster()
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        await cluster.CreateUserAsync("bob@example.com", "Bob");
        await using var client = await cluster.ConnectAsync(cluster[0], alice);
        await client.OkAsync("contacts.add", new { address = "bob@example.com", requestAuthorization = false, group = "Team" });

        await client.OkAsync("contacts.set-level", new { address = "bob@example.com", level = "team" });
        var listed = Assert.Single((await client.OkAsync("contacts.list")).GetProperty("contacts").EnumerateArray());
        Assert.Equal("team", listed.GetProperty("level").GetString());
        Assert.Equal("Team", listed.GetProperty("group").GetString());

        await client.OkAsync("contacts.remove", new { address = "bob@example.com" });
        Assert.Empty((await client.OkAsync("contacts.list")).GetProperty("contacts").EnumerateArray());
        var (code, _) = await client.ErrorAsync("contacts.remove", new { address = "bob@example.com" });
        Assert.Equal("not-found", code);
    }

    [Fact]
    public async Task Accepting_without_a_pending_request_is_not_found()
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        await using var client = await cluster.ConnectAsync(cluster[0], alice);

        var (code, message) = await client.ErrorAsync("contacts.accept", new { address = "bob@example.com" });

        Assert.Equal("not-found", code);
        Assert.Contains("bob@example.com", message);
    }

    [Theory]
    [InlineData("contacts.add", "{}", "'address' is required")]
    [InlineData("contacts.add", "{\"address\": \"alice@example.com\"}", "'address' is the user themself")]
    [InlineData("contacts.add", "{\"address\": \"bob@example.com\", \"level\": \"friends\"}", "'level' must be one of blocked, public, company, team, personal")]
    [InlineData("contacts.accept", "{\"address\": \"bob@example.com\", \"level\": \"blocked\"}", "'level' must be above blocked")]
    [InlineData("contacts.deny", "{\"address\": \"bob@example.com\", \"block\": \"yes\"}", "'block' must be true or false")]
    [InlineData("contacts.set-level", "{\"address\": \"bob@example.com\"}", "'level' is required")]
    [InlineData("contacts.remove", "{\"address\": \"bob\"}", "'address': address 'bob' is not of the form user@domain")]
    public async Task Contact_requests_with_bad_fields_are_bad_requests(string type, string data, string expected)
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        await using var client = await cluster.ConnectAsync(cluster[0], alice);

        var (code, message) = await client.ErrorAsync(type, System.Text.Json.JsonDocument.Parse(data).RootElement);

        Assert.Equal("bad-request", code);
        Assert.Contains(expected, message);
    }
}
