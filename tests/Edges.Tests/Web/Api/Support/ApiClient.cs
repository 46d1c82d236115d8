using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Cluster.Edges.Tests.Web.Support;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Web.Api.Support;

/// <summary>
/// A logged-in client WebSocket that reads in the background and sorts what arrives: replies go to the request with
/// the same id, pushes into an inbox that tests wait on with a deadline.
/// </summary>
internal sealed class ApiClient : IAsyncDisposable
{
    private readonly ClientWebSocket socket;
    private readonly Dictionary<string, TaskCompletionSource<JsonElement>> pending = [];
    private readonly Lock gate = new();
    private readonly List<JsonElement> pushes = [];
    private readonly Channel<JsonElement> arrivals = Channel.CreateUnbounded<JsonElement>();
    private readonly Task reader;
    private int nextId;

    private ApiClient(ClientWebSocket socket, string user)
    {
        this.socket = socket;
        User = user;
        reader = Task.Run(ReadLoopAsync);
    }

    public string User { get; }

    public string SessionId { get; private set; } = string.Empty;

    public string Token { get; private set; } = string.Empty;

    public long LastSeq { get; private set; }

    /// <summary>Connects and sends <c>auth</c> (or <c>resume</c> when <paramref name="resumeSession"/> is given).</summary>
    public static async Task<(ApiClient Client, JsonElement Reply)> OpenAsync(Uri uri, string user, string token,
        string? resumeSession = null, long lastSeq = 0)
    {
        var socket = new ClientWebSocket();
        using var deadline = new CancellationTokenSource(Deadline.Default);
        await socket.ConnectAsync(uri, deadline.Token);
        var client = new ApiClient(socket, user) { Token = token };
        var reply = resumeSession is null
            ? await client.RequestAsync("auth", new { token })
            : await client.RequestAsync("resume", new { token, sessionId = resumeSession, lastSeq });
        client.SessionId = reply.GetProperty("data").GetProperty("sessionId").GetString()!;
        return (client, reply);
    }

    /// <summary>Sends a request and returns the whole reply envelope.</summary>
    public async Task<JsonElement> RequestAsync(string type, object? data = null)
    {
        var id = $"r{Interlocked.Increment(ref nextId)}";
        var done = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
            pending[id] = done;
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { type, id, data = data ?? new { } }));
        using (var deadline = new CancellationTokenSource(Deadline.Default))
            await socket.SendAsync(bytes, WebSocketMessageType.Text, true, deadline.Token);
        return await done.Task.Within($"a reply to {type} from the server for {User}");
    }

    /// <summary>Sends a request that must succeed; returns the result's data.</summary>
    public async Task<JsonElement> OkAsync(string type, object? data = null)
    {
        var reply = await RequestAsync(type, data);
        Assert.True(reply.GetProperty("type").GetString() == "result", $"{type} failed: {reply}");
        return reply.GetProperty("data");
    }

    /// <summary>Sends a request that must fail; returns the error's code and message.</summary>
    public async Task<(string Code, string Message)> ErrorAsync(string type, object? data = null)
    {
        var reply = await RequestAsync(type, data);
        Assert.True(reply.GetProperty("type").GetString() == "error", $"{type} should have failed: {reply}");
        var error = reply.GetProperty("data");
        return (error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }

    /// <summary>Waits for the first push (already received or coming) of <paramref name="type"/> matching <paramref name="match"/>.</summary>
    public async Task<JsonElement> PushAsync(string type, Func<JsonElement, bool>? match = null, string? expectation = null)
    {
        bool Fits(JsonElement p) => p.GetProperty("type").GetString() == type && (match is null || match(p.GetProperty("data")));
        lock (gate)
        {
            foreach (var seen in pushes)
            {
                if (Fits(seen))
                {
                    pushes.Remove(seen);
                    return seen.GetProperty("data");
                }
            }
        }
        using var deadline = new CancellationTokenSource(Deadline.Default);
        try
        {
            while (true)
            {
                var next = await arrivals.Reader.ReadAsync(deadline.Token);
                lock (gate)
                {
                    if (Fits(next) && pushes.Remove(next))
                        return next.GetProperty("data");
                }
            }
        }
        catch (OperationCanceledException)
        {
            lock (gate)
                throw new TimeoutException($"{User} expected a {type} push ({expectation ?? "any"}) within {Deadline.Default.TotalSeconds:0} s; got: {string.Join(", ", pushes)}");
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                    break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                    continue;
                var envelope = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                message.SetLength(0);
                if (envelope.TryGetProperty("seq", out var seq))
                {
                    LastSeq = seq.GetInt64();
                    lock (gate)
                        pushes.Add(envelope);
                    arrivals.Writer.TryWrite(envelope);
                }
                else if (envelope.TryGetProperty("id", out var id))
                {
                    TaskCompletionSource<JsonElement>? waiter;
                    lock (gate)
                        pending.Remove(id.GetString()!, out waiter);
                    waiter?.TrySetResult(envelope);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection went away; pending requests time out with their own message.
        }
    }

    /// <summary>Drops the connection without a close handshake (a lost network), leaving the session resumable.</summary>
    public async Task AbortAsync()
    {
        socket.Abort();
        await reader;
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                using var deadline = new CancellationTokenSource(Deadline.Default);
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "test done", deadline.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Already gone.
            }
        }
        socket.Abort();
        await reader;
        socket.Dispose();
    }
}
