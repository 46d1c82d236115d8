using System.Collections.Concurrent;
using Cluster.Actors.Common;
using Cluster.Edges.Tests.Web.Api.Support;
using Cluster.Edges.Web;
using Cluster.Edges.Web.Api;

namespace Cluster.Edges.Tests.Web.Api;

public sealed class PhoneApiTests
{
    [Theory]
    [InlineData("phone.dial", "{\"target\": \"sip:bob@example.com\"}")]
    [InlineData("phone.answer", "{\"callId\": \"c1\"}")]
    [InlineData("phone.hangup", "{\"callId\": \"c1\"}")]
    [InlineData("phone.hold", "{\"callId\": \"c1\"}")]
    [InlineData("phone.resume", "{\"callId\": \"c1\"}")]
    [InlineData("phone.transfer", "{\"callId\": \"c1\", \"target\": \"tel:+4989123\"}")]
    [InlineData("phone.calls", "{}")]
    public async Task Call_operations_are_unavailable_without_call_control(string type, string data)
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        await using var client = await cluster.ConnectAsync(cluster[0], alice);

        var (code, message) = await client.ErrorAsync(type, System.Text.Json.JsonDocument.Parse(data).RootElement);

        Assert.Equal("unavailable", code);
        Assert.Contains("call control", message);
    }

    [Fact]
    public async Task Call_operations_reach_the_call_control_as_the_sessions_user()
    {
        var control = new RecordingCallControl();
        await using var cluster = await ApiCluster.StartAsync(callControl: control);
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        await using var client = await cluster.ConnectAsync(cluster[0], alice);

        var dialled = await client.OkAsync("phone.dial", new { target = "tel:+498912345" });
        Assert.Equal("call-1", dialled.GetProperty("call").GetProperty("callId").GetString());
        await client.OkAsync("phone.hold", new { callId = "call-1" });
        await client.OkAsync("phone.resume", new { callId = "call-1" });
        await client.OkAsync("phone.transfer", new { callId = "call-1", target = "sip:carol@example.com" });
        await client.OkAsync("phone.hangup", new { callId = "call-1" });
        var calls = await client.OkAsync("phone.calls");

        Assert.Equal(["dial alice@example.com tel:+498912345", "hold call-1", "resume call-1", "transfer call-1 sip:carol@example.com", "hangup call-1"], control.Log);
        Assert.Empty(calls.GetProperty("calls").EnumerateArray());
        var (code, _) = await client.ErrorAsync("phone.answer", new { callId = "nope" });
        Assert.Equal("not-found", code);
    }

    [Fact]
    public async Task Forwarding_and_remote_office_are_set_and_read_back()
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        await using var client = await cluster.ConnectAsync(cluster[0], alice);

        await client.OkAsync("phone.forwarding.set", new { kind = "no-answer", target = "sip:voicemail@example.com", noAnswerSeconds = 15 });
        await client.OkAsync("phone.forwarding.set", new { kind = "busy", target = "tel:+4989100" });
        var afterOff = await client.OkAsync("phone.forwarding.set", new { kind = "busy", enabled = false });
        var office = await client.OkAsync("phone.remote-office.set", new { enabled = true, target = "tel:+4930555", mode = "only-ring" });

        var rule = Assert.Single(afterOff.GetProperty("forwarding").EnumerateArray());
        Assert.Equal("no-answer", rule.GetProperty("kind").GetString());
        Assert.Equal(15, rule.GetProperty("noAnswerSeconds").GetInt32());
        Assert.True(office.GetProperty("remoteOffice").GetProperty("enabled").GetBoolean());
        Assert.Equal("only-ring", office.GetProperty("remoteOffice").GetProperty("mode").GetString());
        Assert.False(office.GetProperty("callControl").GetBoolean());
        var read = await client.OkAsync("phone.forwarding.get");
        Assert.Equal("tel:+4930555", read.GetProperty("remoteOffice").GetProperty("target").GetString());
    }

    [Theory]
    [InlineData("phone.forwarding.set", "{\"target\": \"tel:+4989100\"}", "'kind' is required (one of unconditional, busy, no-answer, unreachable)")]
    [InlineData("phone.forwarding.set", "{\"kind\": \"busy\"}", "'target' is required")]
    [InlineData("phone.forwarding.set", "{\"kind\": \"busy\", \"target\": \"mailto:x@example.com\"}", "")]
    [InlineData("phone.remote-office.set", "{\"target\": \"tel:+4930555\"}", "'enabled' is required")]
    [InlineData("phone.remote-office.set", "{\"enabled\": true, \"target\": \"tel:+4930555\", \"mode\": \"sometimes\"}", "'mode' must be one of also-ring, only-ring")]
    public async Task Call_settings_with_bad_fields_are_bad_requests(string type, string data, string expected)
    {
        await using var cluster = await ApiCluster.StartAsync();
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        await using var client = await cluster.ConnectAsync(cluster[0], alice);

        var (code, message) = await client.ErrorAsync(type, System.Text.Json.JsonDocument.Parse(data).RootElement);

        Assert.Equal("bad-request", code);
        Assert.Contains(expected, message);
    }

    [Theory]
    [InlineData("phone.dial", "{}", "'target' is required")]
    [InlineData("phone.hold", "{}", "'callId' is required")]
    [InlineData("phone.transfer", "{\"callId\": \"call-1\"}", "'target' is required")]
    public async Task Call_operations_with_bad_fields_are_bad_requests(string type, string data, string expected)
    {
        await using var cluster = await ApiCluster.StartAsync(callControl: new RecordingCallControl());
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice");
        await using var client = await cluster.ConnectAsync(cluster[0], alice);

        var (code, message) = await client.ErrorAsync(type, System.Text.Json.JsonDocument.Parse(data).RootElement);

        Assert.Equal("bad-request", code);
        Assert.Contains(expected, message);
    }

    /// <summary>A call control that records what it was asked and knows one call, "call-1".</summary>
    private sealed class RecordingCallControl : ICallControl
    {
        private readonly ConcurrentQueue<string> log = new();

        public IReadOnlyList<string> Log => log.ToArray();

        private static CallInfo Call(string state) => new("call-1", state, "outgoing", "tel:+498912345", null, null, DateTimeOffset.UtcNow);

        private static void Known(string callId)
        {
            if (callId != "call-1")
                throw new ClientRequestException("not-found", $"no call {callId}");
        }

        public Task<CallInfo> DialAsync(UserAddress user, string target, string? deviceId, CancellationToken cancellationToken)
        {
            log.Enqueue($"dial {user} {target}");
            return Task.FromResult(Call("initiated"));
        }

        public Task<CallInfo> AnswerAsync(UserAddress user, string callId, string? deviceId, CancellationToken cancellationToken)
        {
            Known(callId);
            log.Enqueue($"answer {callId}");
            return Task.FromResult(Call("answered"));
        }

        public Task HangupAsync(UserAddress user, string callId, CancellationToken cancellationToken)
        {
            Known(callId);
            log.Enqueue($"hangup {callId}");
            return Task.CompletedTask;
        }

        public Task<CallInfo> HoldAsync(UserAddress user, string callId, CancellationToken cancellationToken)
        {
            Known(callId);
            log.Enqueue($"hold {callId}");
            return Task.FromResult(Call("held"));
        }

        public Task<CallInfo> ResumeAsync(UserAddress user, string callId, CancellationToken cancellationToken)
        {
            Known(callId);
            log.Enqueue($"resume {callId}");
            return Task.FromResult(Call("answered"));
        }

        public Task TransferAsync(UserAddress user, string callId, string target, CancellationToken cancellationToken)
        {
            Known(callId);
            log.Enqueue($"transfer {callId} {target}");
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<CallInfo>> ListCallsAsync(UserAddress user, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<CallInfo>>([]);
    }
}
