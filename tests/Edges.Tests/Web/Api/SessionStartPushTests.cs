using System.Text.Json.Nodes;
using Cluster.Edges.Tests.Web.Support;
using Cluster.Edges.Web;

namespace Cluster.Edges.Tests.Web.Api;

public sealed class SessionStartPushTests
{
    /// <summary>Pushes the moment a session starts, before the edge attaches the connection.</summary>
    private sealed class GreetingListener : IClientSessionListener
    {
        public void SessionStarted(IClientSession session) => session.Push("welcome", new JsonObject { ["to"] = session.User.UserId });

        public void SessionDetached(IClientSession session)
        {
        }

        public void SessionResumed(IClientSession session)
        {
        }

        public void SessionEnded(IClientSession session, string reason)
        {
        }
    }

    [Fact]
    public async Task A_push_made_while_the_session_starts_follows_the_auth_reply()
    {
        await using var web = await WebTestServer.StartAsync(services: s => s with { SessionListener = new GreetingListener() });
        var token = await web.LoginAsync();
        await using var socket = await web.ConnectAsync();

        var reply = await socket.RequestAsync("auth", "a1", new { token });
        var push = await socket.ReceiveAsync("the welcome push made in SessionStarted");

        Assert.Equal("result", reply.GetProperty("type").GetString());
        Assert.Equal("welcome", push.GetProperty("type").GetString());
        Assert.Equal(1, push.GetProperty("seq").GetInt64());
    }
}
