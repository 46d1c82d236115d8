using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Serilog;

namespace Cluster.Edges.Web;

/// <summary>
/// One client WebSocket: the receive loop (size, type and rate checks, then dispatch), its single writer, and the
/// timers that bound it (authentication, idle, close handshake). Whatever a client sends, the worst outcome is
/// this connection closing with a code and reason; nothing escapes to Kestrel or the node.
/// </summary>
/// <remarks>
/// <code>
///   AwaitingAuth ──(auth / resume ok)──► Open ──(server close: send close frame, drain)──► Closing ──► Closed
///        │                                 │                                                ▲
///        └──(timeout / bad auth)──► Closing└──(client close frame / abort)──────────────────┘
/// </code>
/// </remarks>
internal sealed partial class ClientConnection
{
    private const int InitialBuffer = 4096;
    private const int KeepBufferUpTo = 16 * 1024;
    private const int MaxCloseReasonBytes = 123; // RFC 6455 §5.5: control payload <= 125 bytes, 2 of them the code

    private readonly ClientEndpoint endpoint;
    private readonly WebSocket socket;
    private readonly ConnectionSender sender;
    private readonly MessageRateLimiter limiter;
    private readonly ILogger log;
    private readonly string? headerToken;
    private ITimer? authTimer;
    private ITimer? idleTimer;
    private ITimer? closeTimer;
    private string? token;
    private ClientSession? session;

    public ClientConnection(ClientEndpoint endpoint, WebSocket socket, long connectionId, string remote, string? headerToken)
    {
        this.endpoint = endpoint;
        this.socket = socket;
        this.headerToken = headerToken;
        ConnectionId = connectionId;
        Remote = remote;
        sender = new ConnectionSender(endpoint.Settings.SendQueueLimit, endpoint.Counters);
        limiter = new MessageRateLimiter(endpoint.Settings.MaxMessagesPerSecond, endpoint.Time);
        log = endpoint.Log.ForContext("ConnectionId", connectionId).ForContext("Remote", remote);
    }

    public long ConnectionId { get; }

    public string Remote { get; }

    /// <summary>The session once authenticated.</summary>
    public ClientSession? Session => Volatile.Read(ref session);

    /// <summary>Runs the connection until it is closed or aborted.</summary>
    public async Task RunAsync(CancellationToken aborted)
    {
        var settings = endpoint.Settings;
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var writer = RunWriterAsync(lifetime.Token);
        authTimer = endpoint.Time.CreateTimer(_ => OnAuthTimeout(), null, settings.AuthTimeout, Timeout.InfiniteTimeSpan);
        if (settings.IdleTimeout is { } idle)
            idleTimer = endpoint.Time.CreateTimer(_ => Close(ClientCloseCodes.Normal, "idle timeout", "idle-timeout"), null, idle, Timeout.InfiniteTimeSpan);
        try
        {
            await ReceiveLoopAsync(lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            log.Debug("WebSocket receive ended: {Reason}", ex.Message);
        }
        catch (Exception ex)
        {
            log.Error(ex, "WebSocket receive loop failed");
        }
        finally
        {
            authTimer?.Dispose();
            idleTimer?.Dispose();
            // The client's close (or our own) still has to be answered / flushed; bounded by close-timeout.
            sender.RequestClose(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, string.Empty, dropPending: false);
            try
            {
                await writer.WaitAsync(settings.CloseTimeout, endpoint.Time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                socket.Abort();
            }
            await lifetime.CancelAsync().ConfigureAwait(false);
            closeTimer?.Dispose();
            if (Session is { } attached)
                endpoint.Sessions.Detach(attached, this);
            endpoint.Unregister(this);
        }
    }

    /// <summary>
    /// Queues a frame. A full queue means the client does not read: it is closed as a slow consumer (its session,
    /// if any, keeps the pushes for a resume). <paramref name="replay"/> frames (the resume reply and the pushes it
    /// replays, bounded by the replay buffer) are queued beyond the limit.
    /// </summary>
    public void Send(byte[] frame, bool replay = false)
    {
        switch (sender.TryEnqueue(frame, replay))
        {
            case ConnectionSender.Outcome.Full:
                endpoint.Counters.SlowConsumer();
                Close(ClientCloseCodes.PolicyViolation, $"slow consumer: more than {endpoint.Settings.SendQueueLimit} messages queued", "slow-consumer", dropPending: true);
                break;
            case ConnectionSender.Outcome.Closing:
                break; // closing: later frames are dropped; the session's replay buffer still has pushes
        }
    }

    /// <summary>
    /// Starts a server-initiated close: the close frame goes out after queued messages (or instead of them with
    /// <paramref name="dropPending"/>), and the connection is aborted if the client does not answer in time.
    /// </summary>
    public void Close(WebSocketCloseStatus status, string reason, string? errorCode = null, bool dropPending = false)
    {
        reason = Truncate(reason);
        if (!sender.RequestClose(status, reason, dropPending))
            return;
        if (errorCode is not null)
            endpoint.Counters.Error(errorCode);
        log.Information("Closing client WebSocket with {CloseCode}: {Reason}", (int)status, reason);
        closeTimer = endpoint.Time.CreateTimer(_ => socket.Abort(), null, endpoint.Settings.CloseTimeout, Timeout.InfiniteTimeSpan);
    }

    private async Task RunWriterAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await sender.RunAsync(socket, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            log.Debug("WebSocket send ended: {Reason}", ex.Message);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var max = endpoint.Settings.WebSocketMaxMessageSize;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBuffer, max));
        try
        {
            while (true)
            {
                var length = 0;
                var tooBig = false;
                ValueWebSocketReceiveResult result;
                do
                {
                    var limit = Math.Min(buffer.Length, max);
                    if (!tooBig && length == limit)
                    {
                        if (limit < max)
                            buffer = Grow(buffer, length, Math.Min(max, buffer.Length * 2));
                        else
                            tooBig = true; // keep reading the rest of the message into the buffer, discarding it
                    }
                    var space = tooBig ? buffer.AsMemory() : buffer.AsMemory(length, Math.Min(buffer.Length, max) - length);
                    result = await socket.ReceiveAsync(space, cancellationToken).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        // RFC 6455 §5.5.1: answer a close with a close, echoing the status code.
                        sender.RequestClose(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, string.Empty, dropPending: true);
                        return;
                    }
                    if (!tooBig)
                        length += result.Count;
                }
                while (!result.EndOfMessage);

                if (sender.IsClosing)
                    continue; // draining until the client's close frame arrives
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    Close(ClientCloseCodes.UnsupportedData, "binary messages are not supported; send JSON text", "binary-message");
                    continue;
                }
                if (tooBig)
                {
                    Close(ClientCloseCodes.MessageTooBig, $"message larger than {max} bytes", "message-too-big");
                    continue;
                }
                endpoint.Counters.MessageIn();
                idleTimer?.Change(endpoint.Settings.IdleTimeout!.Value, Timeout.InfiniteTimeSpan);
                if (!limiter.TryTake())
                {
                    SendError(null, ClientErrorCodes.RateLimited, $"more than {endpoint.Settings.MaxMessagesPerSecond} messages per second");
                    Close(ClientCloseCodes.PolicyViolation, $"message rate above {endpoint.Settings.MaxMessagesPerSecond}/s");
                    continue;
                }
                await DispatchAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                if (buffer.Length > KeepBufferUpTo)
                    buffer = Grow(buffer, 0, InitialBuffer);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void SendError(string? id, string code, string message)
    {
        endpoint.Counters.Error(code);
        Send(ClientFrames.EncodeError(id, code, message));
    }

    private void OnAuthTimeout()
    {
        if (Session is not null)
            return;
        Close(ClientCloseCodes.PolicyViolation, $"not authenticated within {endpoint.Settings.AuthTimeout.TotalSeconds:0.###} s", "auth-timeout");
    }

    private static byte[] Grow(byte[] buffer, int keep, int size)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, keep).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }

    private static string Truncate(string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) <= MaxCloseReasonBytes)
            return reason;
        var cut = reason.Length;
        while (Encoding.UTF8.GetByteCount(reason.AsSpan(0, cut)) > MaxCloseReasonBytes)
            cut--;
        return reason[..cut];
    }
}
