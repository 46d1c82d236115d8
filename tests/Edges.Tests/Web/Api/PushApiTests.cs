using Cluster.Edges.Tests.Web.Api.Support;

namespace Cluster.Edges.Tests.Web.Api;

public sealed class PushApiTests
{
    [Fact]
    public async Task Push_devices_are_registered_listed_and_removed()
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        await using var client = await cluster.ConnectAsync(cluster[0], alice);

        var registered = await client.OkAsync("push.register", new Dictionary<string, string>
        {
            ["pn-provider"] = "apns", ["pn-prid"] = "00fc13adff78", ["pn-param"] = "ABCD1234.com.example.uc.voip", ["platform"] = "ios",
        });
        var device = Assert.Single(registered.GetProperty("devices").EnumerateArray());
        Assert.Equal("apns", device.GetProperty("pn-provider").GetString());
        Assert.Equal("ABCD1234.com.example.uc.voip", device.GetProperty("pn-param").GetString());
        Assert.Single((await client.OkAsync("push.list")).GetProperty("devices").EnumerateArray());

        await client.OkAsync("push.remove", new Dictionary<string, string> { ["pn-provider"] = "apns", ["pn-prid"] = "00fc13adff78" });

        Assert.Empty((await client.OkAsync("push.list")).GetProperty("devices").EnumerateArray());
        var (code, _) = await client.ErrorAsync("push.remove", new Dictionary<string, string> { ["pn-provider"] = "apns", ["pn-prid"] = "00fc13adff78" });
        Assert.Equal("not-found", code);
    }

    [Theory]
    [InlineData("push.register", "{\"pn-provider\": \"fcm\"}", "'pn-prid' is required")]
    [InlineData("push.register", "{\"pn-prid\": \"x\"}", "'pn-provider' is required")]
    [InlineData("push.remove", "{\"pn-provider\": \"fcm\", \"pn-prid\": 7}", "'pn-prid' must be a string")]
    public async Task Push_requests_with_bad_fields_are_bad_requests(string type, string data, string expected)
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        await using var client = await cluster.ConnectAsync(cluster[0], alice);

        var (code, message) = await client.ErrorAsync(type, System.Text.Json.JsonDocument.Parse(data).RootElement);

        Assert.Equal("bad-request", code);
        Assert.Contains(expected, message);
    }
}
