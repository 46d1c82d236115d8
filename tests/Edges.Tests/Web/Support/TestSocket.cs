using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Web.Support;

/// <summary>A ClientWebSocket with deadline-bounded receive helpers speaking the client JSON protocol.</summary>
internal sealed class TestSocket(ClientWebSocket socket) : IAsyncDisposable
{
    public ClientWebSocket Socket { get; } = socket;

    public Task SendAsync(string text) => SendBytesAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public Task SendAsync(object envelope) => SendAsync(JsonSerializer.Serialize(envelope));

    public async Task SendBytesAsync(byte[] bytes, WebSocketMessageType type)
    {
        using var deadline = new CancellationTokenSource(Deadline.Default);
        await Socket.SendAsync(bytes, type, endOfMessage: true, deadline.Token);
    }

    /// <summary>Sends a request and returns its reply (the next message, which must carry the same id).</summary>
    public async Task<JsonElement> RequestAsync(string type, string id, object? data = null)
    {
        await SendAsync(new { type, id, data = data ?? new { } });
        var reply = await ReceiveAsync($"a reply to {type} #{id}");
        Assert.Equal(id, reply.GetProperty("id").GetString());
        return reply;
    }

    /// <summary>Receives the next text message; fails if the server closes instead.</summary>
    public async Task<JsonElement> ReceiveAsync(string expectation)
    {
        var (close, message) = await ReceiveOneAsync(expectation);
        if (close is not null)
            throw new InvalidOperationException($"Expected {expectation} but the server closed with {(int)close.Value.Status} '{close.Value.Reason}'.");
        return message!.Value;
    }

    /// <summary>Reads until the server's close frame, answers it, and returns its code, reason and the messages before it.</summary>
    public async Task<(WebSocketCloseStatus Status, string Reason, List<JsonElement> Before)> ReceiveCloseAsync(string expectation)
    {
        var before = new List<JsonElement>();
        while (true)
        {
            var (close, message) = await ReceiveOneAsync(expectation);
            if (close is { } c)
            {
                if (Socket.State == WebSocketState.CloseReceived)
                    await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None);
                return (c.Status, c.Reason, before);
            }
            before.Add(message!.Value);
        }
    }

    private async Task<((WebSocketCloseStatus Status, string Reason)? Close, JsonElement? Message)> ReceiveOneAsync(string expectation)
    {
        using var deadline = new CancellationTokenSource(Deadline.Default);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var result = await Socket.ReceiveAsync(chunk, deadline.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                    return ((result.CloseStatus ?? WebSocketCloseStatus.Empty, result.CloseStatusDescription ?? string.Empty), null);
                buffer.Write(chunk, 0, result.Count);
                if (result.EndOfMessage)
                    return (null, JsonDocument.Parse(buffer.ToArray()).RootElement.Clone());
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"Expected {expectation} within {Deadline.Default.TotalSeconds:0} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            try
            {
                using var deadline = new CancellationTokenSource(Deadline.Default);
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "test done", deadline.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The server may already be gone; nothing to clean up.
            }
        }
        Socket.Dispose();
    }
}
