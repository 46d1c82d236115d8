using Cluster.Actors.Users;
using Cluster.Edges.Tests.Web.Api.Support;

namespace Cluster.Edges.Tests.Web.Api;

public sealed class ChatApiTests
{
    [Fact]
    public async Task A_message_crosses_nodes_and_the_sender_gets_delivered_and_read_receipts()
    {
        await using var cluster = await ApiCluster.StartAsync(nodeCount: 2);
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        var bob = await cluster.CreateUserAsync("bob@example.com", "Bob");
        await using var aliceClient = await cluster.ConnectAsync(cluster[0], alice);
        await using var bobClient = await cluster.ConnectAsync(cluster[1], bob);

        var sent = await aliceClient.OkAsync("chat.send", new { to = "bob@example.com", text = "lunch?", messageId = "m-1" });
        Assert.Equal("m-1", sent.GetProperty("messageId").GetString());

        var arrived = (await bobClient.PushAsync("chat.message", expectation: "alice's message")).GetProperty("message");
        Assert.Equal("lunch?", arrived.GetProperty("body").GetString());
        Assert.Equal("alice@example.com", arrived.GetProperty("from").GetString());
        Assert.Equal("incoming", arrived.GetProperty("direction").GetString());

        await bobClient.OkAsync("chat.delivered", new { messageIds = new[] { "m-1" } });
        var delivered = await aliceClient.PushAsync("chat.receipt", r => r.GetProperty("kind").GetString() == "delivered", "delivered receipt");
        Assert.Equal("m-1", delivered.GetProperty("messageId").GetString());
        Assert.Equal("bob@example.com", delivered.GetProperty("peer").GetString());
        await bobClient.OkAsync("chat.read", new { messageIds = new[] { "m-1" } });
        await aliceClient.PushAsync("chat.receipt", r => r.GetProperty("kind").GetString() == "read", "read receipt");

        var history = await aliceClient.OkAsync("chat.history", new { peer = "bob@example.com" });
        var own = Assert.Single(history.GetProperty("messages").EnumerateArray());
        Assert.True(own.TryGetProperty("readAt", out _));
    }

    [Fact]
    public async Task Messages_sent_while_offline_are_pushed_when_a_session_starts()
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        var bob = await cluster.CreateUserAsync("bob@example.com", "Bob");
        await using var aliceClient = await cluster.ConnectAsync(cluster[0], alice);
        await aliceClient.OkAsync("chat.send", new { to = "bob@example.com", text = "call me", messageId = "offline-1" });
        Assert.Single(cluster.Users.StateOf(bob).Chat.Pending);

        await using var bobClient = await cluster.ConnectAsync(cluster[0], bob);

        var pushed = (await bobClient.PushAsync("chat.message", expectation: "the offline message")).GetProperty("message");
        Assert.Equal("offline-1", pushed.GetProperty("messageId").GetString());
        await bobClient.OkAsync("chat.delivered", new { messageIds = new[] { "offline-1" } });
        Assert.Empty(cluster.Users.StateOf(bob).Chat.Pending);
    }

    [Fact]
    public async Task History_pages_backwards_with_has_more()
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        await cluster.CreateUserAsync("bob@example.com", "Bob");
        await using var client = await cluster.ConnectAsync(cluster[0], alice);
        for (var i = 1; i <= 5; i++)
            await client.OkAsync("chat.send", new { to = "bob@example.com", text = $"n{i}", messageId = $"h-{i}" });

        var newest = await client.OkAsync("chat.history", new { limit = 2 });
        Assert.Equal(["h-4", "h-5"], newest.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("messageId").GetString()));
        Assert.True(newest.GetProperty("hasMore").GetBoolean());
        var older = await client.OkAsync("chat.history", new { limit = 10, before = "h-4" });
        Assert.Equal(["h-1", "h-2", "h-3"], older.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("messageId").GetString()));
        Assert.False(older.GetProperty("hasMore").GetBoolean());
    }

    [Fact]
    public async Task Resending_a_message_id_stores_it_once()
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        await cluster.CreateUserAsync("bob@example.com", "Bob");
        await using var client = await cluster.ConnectAsync(cluster[0], alice);

        var first = await client.OkAsync("chat.send", new { to = "bob@example.com", text = "once", messageId = "dup-1" });
        var again = await client.OkAsync("chat.send", new { to = "bob@example.com", text = "once", messageId = "dup-1" });

        Assert.Equal(first.GetProperty("sequence").GetInt64(), again.GetProperty("sequence").GetInt64());
        Assert.Single(cluster.Users.StateOf(alice).Chat.Messages);
    }

    [Theory]
    [InlineData("chat.send", "{\"text\": \"hi\"}", "'to' is required")]
    [InlineData("chat.send", "{\"to\": \"bob@example.com\"}", "'text' is required")]
    [InlineData("chat.send", "{\"to\": \"bob@example.com\", \"text\": \"  \"}", "'text' is blank")]
    [InlineData("chat.history", "{\"limit\": 0}", "'limit' must be an integer in 1..200")]
    [InlineData("chat.read", "{\"messageIds\": \"m-1\"}", "'messageIds' is required (an array")]
    [InlineData("chat.delivered", "{\"messageIds\": [\"\"]}", "'messageIds[0]' must be a non-empty string")]
    public async Task Chat_requests_with_bad_fields_are_bad_requests(string type, string data, string expected)
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        await using var client = await cluster.ConnectAsync(cluster[0], alice);

        var (code, message) = await client.ErrorAsync(type, System.Text.Json.JsonDocument.Parse(data).RootElement);

        Assert.Equal("bad-request", code);
        Assert.Contains(expected, message);
    }

    [Fact]
    public async Task A_message_to_someone_who_blocked_the_sender_is_not_pushed()
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        var bob = await cluster.CreateUserAsync("bob@example.com", "Bob");
        await cluster.Users.SendAsync(bob, new SetContact(alice, Level: Cluster.Actors.Common.PermissionLevel.Blocked));
        await using var client = await cluster.ConnectAsync(cluster[0], alice);

        await client.OkAsync("chat.send", new { to = "bob@example.com", text = "hello?", messageId = "b-1" });

        Assert.Empty(cluster.Users.StateOf(bob).Chat.Messages);
    }
}
