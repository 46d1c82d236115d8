using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cluster.Edges.Tests.Web.Support;
using Cluster.Edges.Web;

namespace Cluster.Edges.Tests.Web.Sockets;

public sealed class WebSocketResumeTests
{
    private static JsonObject Presence(int n) => new() { ["n"] = n };

    private static async Task<List<long>> ReceivePushesAsync(TestSocket socket, int count)
    {
        var seqs = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var push = await socket.ReceiveAsync($"push {i + 1} of {count}");
            Assert.Equal("presence.changed", push.GetProperty("type").GetString());
            Assert.False(push.TryGetProperty("id", out _));
            Assert.Equal(push.GetProperty("seq").GetInt64(), push.GetProperty("data").GetProperty("n").GetInt64());
            seqs.Add(push.GetProperty("seq").GetInt64());
        }
        return seqs;
    }

    [Fact]
    public async Task Pushes_carry_increasing_sequence_numbers_per_session()
    {
        await using var web = await WebTestServer.StartAsync();
        var (socket, _, session, _) = await web.ConnectAuthenticatedAsync();
        await using var socketScope = socket;

        for (var n = 1; n <= 5; n++)
            Assert.Equal(n, session.Push("presence.changed", Presence(n)));

        Assert.Equal([1, 2, 3, 4, 5], await ReceivePushesAsync(socket, 5));
        Assert.Equal(5, session.LastSeq);
    }

    [Fact]
    public async Task Resume_after_reconnect_delivers_the_missed_pushes_in_order()
    {
        await using var web = await WebTestServer.StartAsync();
        var (socket, info, session, token) = await web.ConnectAuthenticatedAsync();
        session.Push("presence.changed", Presence(1));
        session.Push("presence.changed", Presence(2));
        Assert.Equal([1, 2], await ReceivePushesAsync(socket, 2));
        await socket.DisposeAsync();
        await web.Listener.WaitAsync("detached", session.SessionId);

        for (var n = 3; n <= 6; n++)
            session.Push("presence.changed", Presence(n));
        await using var resumed = await web.ConnectAsync();
        var reply = await resumed.RequestAsync("resume", "r1", new { token, sessionId = info.GetProperty("sessionId").GetString(), lastSeq = 2 });

        Assert.Equal("result", reply.GetProperty("type").GetString());
        Assert.True(reply.GetProperty("data").GetProperty("resumed").GetBoolean());
        Assert.Equal(6, reply.GetProperty("data").GetProperty("lastSeq").GetInt64());
        Assert.Equal([3, 4, 5, 6], await ReceivePushesAsync(resumed, 4));
        session.Push("presence.changed", Presence(7));
        Assert.Equal([7], await ReceivePushesAsync(resumed, 1));
        await web.Listener.WaitAsync("resumed", session.SessionId);
    }

    [Fact]
    public async Task Resume_beyond_the_window_says_resync_required_with_a_new_session()
    {
        await using var web = await WebTestServer.StartAsync(s => s with { ResumeWindow = TimeSpan.FromMinutes(2) });
        var (socket, info, session, token) = await web.ConnectAuthenticatedAsync();
        session.Push("presence.changed", Presence(1));
        await ReceivePushesAsync(socket, 1);
        await socket.DisposeAsync();
        await web.Listener.WaitAsync("detached", session.SessionId);

        web.Clock.Advance(TimeSpan.FromMinutes(2));
        var ended = await web.Listener.WaitAsync("ended", session.SessionId);
        await using var again = await web.ConnectAsync();
        var reply = await again.RequestAsync("resume", "r1", new { token, sessionId = info.GetProperty("sessionId").GetString(), lastSeq = 1 });

        Assert.Equal("resume window passed", ended.Reason);
        Assert.Equal(0, session.Push("presence.changed", Presence(2)));
        Assert.Equal("resync-required", reply.GetProperty("type").GetString());
        var data = reply.GetProperty("data");
        Assert.NotEqual(session.SessionId, data.GetProperty("sessionId").GetString());
        Assert.Equal(0, data.GetProperty("lastSeq").GetInt64());
        Assert.Equal("unknown session", data.GetProperty("reason").GetString());
        Assert.Equal("result", (await again.RequestAsync("ping", "p1")).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Resume_needing_pushes_dropped_from_the_replay_buffer_says_resync_required()
    {
        await using var web = await WebTestServer.StartAsync(s => s with { ReplayBufferSize = 3 });
        var (socket, info, session, token) = await web.ConnectAuthenticatedAsync();
        await socket.DisposeAsync();
        await web.Listener.WaitAsync("detached", session.SessionId);
        for (var n = 1; n <= 5; n++)
            session.Push("presence.changed", Presence(n)); // only 3..5 are kept

        await using var again = await web.ConnectAsync();
        var reply = await again.RequestAsync("resume", "r1", new { token, sessionId = info.GetProperty("sessionId").GetString(), lastSeq = 1 });

        Assert.Equal("resync-required", reply.GetProperty("type").GetString());
        Assert.Equal("pushes 2..2 are no longer buffered", reply.GetProperty("data").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Resume_of_another_users_session_is_refused()
    {
        await using var web = await WebTestServer.StartAsync();
        var (socket, info, session, _) = await web.ConnectAuthenticatedAsync();
        await using var socketScope = socket;
        var bobToken = await web.LoginAsync(WebTestServer.Bob, WebTestServer.BobPassword);
        await using var bob = await web.ConnectAsync();

        var reply = await bob.RequestAsync("resume", "r1", new { token = bobToken, sessionId = info.GetProperty("sessionId").GetString(), lastSeq = 0 });

        Assert.Equal("resync-required", reply.GetProperty("type").GetString());
        Assert.Equal(WebTestServer.Bob, reply.GetProperty("data").GetProperty("user").GetProperty("id").GetString());
        Assert.True(session.IsConnected);
    }

    [Fact]
    public async Task Resume_while_still_connected_takes_the_session_over_and_closes_the_old_socket_with_4002()
    {
        await using var web = await WebTestServer.StartAsync();
        var (old, info, session, token) = await web.ConnectAuthenticatedAsync();
        await using var oldScope = old;
        await using var fresh = await web.ConnectAsync();

        var reply = await fresh.RequestAsync("resume", "r1", new { token, sessionId = info.GetProperty("sessionId").GetString(), lastSeq = 0 });
        var close = await old.ReceiveCloseAsync("close of the replaced connection");
        session.Push("presence.changed", Presence(1));

        Assert.True(reply.GetProperty("data").GetProperty("resumed").GetBoolean());
        Assert.Equal(ClientCloseCodes.SessionTakenOver, close.Status);
        Assert.Equal([1], await ReceivePushesAsync(fresh, 1));
        Assert.True(session.IsConnected);
    }

    [Fact]
    public async Task Resume_with_last_seq_ahead_of_the_server_is_resync_required()
    {
        await using var web = await WebTestServer.StartAsync();
        var (socket, info, _, token) = await web.ConnectAuthenticatedAsync();
        await using var socketScope = socket;
        await using var fresh = await web.ConnectAsync();

        var reply = await fresh.RequestAsync("resume", "r1", new { token, sessionId = info.GetProperty("sessionId").GetString(), lastSeq = 99 });

        Assert.Equal("resync-required", reply.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Slow_consumer_is_closed_with_a_reason_and_can_resume_what_it_missed()
    {
        await using var web = await WebTestServer.StartAsync(s => s with { SendQueueLimit = 4 });
        var (socket, info, session, token) = await web.ConnectAuthenticatedAsync();
        await using var socketScope = socket;
        var payload = new string('p', 32 * 1024);

        long lastPushed = 0;
        while (web.Server.Counters.SlowConsumers == 0 && lastPushed < 10_000)
            lastPushed = session.Push("presence.changed", new JsonObject { ["n"] = lastPushed + 1, ["pad"] = payload });
        var close = await socket.ReceiveCloseAsync("close of a slow consumer");
        var received = close.Before.Select(m => m.GetProperty("seq").GetInt64()).ToList();
        await web.Listener.WaitAsync("detached", session.SessionId);
        await using var resumed = await web.ConnectAsync();
        var lastSeen = received.Count == 0 ? 0 : received[^1];
        var reply = await resumed.RequestAsync("resume", "r1", new { token, sessionId = info.GetProperty("sessionId").GetString(), lastSeq = lastSeen });

        Assert.Equal(1, web.Server.Counters.SlowConsumers);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, close.Status);
        Assert.StartsWith("slow consumer", close.Reason);
        Assert.Equal(Enumerable.Range(1, received.Count).Select(i => (long)i), received);
        Assert.Equal("result", reply.GetProperty("type").GetString());
        var replayed = new List<long>();
        for (var seq = lastSeen + 1; seq <= lastPushed; seq++)
            replayed.Add((await resumed.ReceiveAsync($"replayed push {seq}")).GetProperty("seq").GetInt64());
        Assert.Equal(lastPushed - lastSeen, replayed.Count);
        Assert.Equal(replayed.Order(), replayed);
    }
}
