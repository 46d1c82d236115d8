using Cluster.Actors.Users;
using Cluster.Edges.Tests.Web.Api.Support;

namespace Cluster.Edges.Tests.Web.Api;

public sealed class DirectoryApiTests
{
    [Fact]
    public async Task Search_finds_by_name_prefix_substring_and_number_with_paging()
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice Liddell", "+49 89 1234-100");
        await cluster.CreateUserAsync("alfred@example.com", "Alfred Jodocus Kwak", "+49 89 1234-200");
        await cluster.CreateUserAsync("walter@example.com", "Walter Alvarez");
        await using var client = await cluster.ConnectAsync(cluster[0], alice);

        var prefix = await client.OkAsync("directory.search", new { query = "al", limit = 2 });
        Assert.Equal(3, prefix.GetProperty("total").GetInt32());
        Assert.True(prefix.GetProperty("hasMore").GetBoolean());
        Assert.Equal(["alfred@example.com", "alice@example.com"], prefix.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("address").GetString()));
        var next = await client.OkAsync("directory.search", new { query = "al", offset = 2, limit = 2 });
        Assert.Equal("walter@example.com", Assert.Single(next.GetProperty("entries").EnumerateArray()).GetProperty("address").GetString());

        var substring = await client.OkAsync("directory.search", new { query = "iddel" });
        Assert.Equal("Alice Liddell", Assert.Single(substring.GetProperty("entries").EnumerateArray()).GetProperty("displayName").GetString());
        var number = await client.OkAsync("directory.search", new { query = "1234 200" });
        Assert.Equal("alfred@example.com", Assert.Single(number.GetProperty("entries").EnumerateArray()).GetProperty("address").GetString());
    }

    [Fact]
    public async Task Removed_users_disappear_from_search()
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        var bob = await cluster.CreateUserAsync("bob@example.com", "Bob Builder");
        await using var client = await cluster.ConnectAsync(cluster[0], alice);
        cluster.Directory.Apply(bob, new UserRemoved(DateTimeOffset.UtcNow));

        var result = await client.OkAsync("directory.search", new { query = "builder" });

        Assert.Equal(0, result.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("{}", "'query' is required")]
    [InlineData("{\"query\": \"   \"}", "'query' is blank")]
    [InlineData("{\"query\": \"al\", \"limit\": 1000}", "'limit' must be an integer in 1..200")]
    [InlineData("{\"query\": \"al\", \"offset\": -1}", "'offset' must be an integer")]
    public async Task Search_with_bad_fields_is_a_bad_request(string data, string expected)
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        await using var client = await cluster.ConnectAsync(cluster[0], alice);

        var (code, message) = await client.ErrorAsync("directory.search", System.Text.Json.JsonDocument.Parse(data).RootElement);

        Assert.Equal("bad-request", code);
        Assert.Contains(expected, message);
    }
}
