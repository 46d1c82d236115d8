using System.Net.WebSockets;

namespace Cluster.Edges.Web;

/// <summary>
/// The single writer of one WebSocket (a WebSocket allows one send at a time). Messages wait in a bounded queue;
/// when it is full the client is not reading fast enough and the caller closes it rather than letting memory
/// grow. A close request is sent after what is queued (or instead of it, for a slow consumer).
/// </summary>
internal sealed class ConnectionSender(int limit, WebEdgeCounters counters)
{
    private readonly Lock gate = new();
    private readonly Queue<byte[]> queue = new();
    private readonly SemaphoreSlim signal = new(0);
    private (WebSocketCloseStatus Status, string Reason)? close;

    public enum Outcome
    {
        Queued,
        Full,
        Closing,
    }

    /// <summary>True once a close was requested; nothing more is queued.</summary>
    public bool IsClosing
    {
        get
        {
            lock (gate)
                return close is not null;
        }
    }

    /// <summary>
    /// Queues a frame. <paramref name="ignoreLimit"/> is for the replay after a resume, which is already bounded by
    /// the replay buffer and must not count as the client being slow.
    /// </summary>
    public Outcome TryEnqueue(byte[] frame, bool ignoreLimit = false)
    {
        lock (gate)
        {
            if (close is not null)
                return Outcome.Closing;
            if (queue.Count >= limit && !ignoreLimit)
                return Outcome.Full;
            queue.Enqueue(frame);
        }
        signal.Release();
        return Outcome.Queued;
    }

    /// <summary>Asks for a close frame; the first request wins. <paramref name="dropPending"/> discards the queue.</summary>
    public bool RequestClose(WebSocketCloseStatus status, string reason, bool dropPending)
    {
        lock (gate)
        {
            if (close is not null)
                return false;
            close = (status, reason);
            if (dropPending)
                queue.Clear();
        }
        signal.Release();
        return true;
    }

    /// <summary>Sends until the close frame has gone out or the socket fails.</summary>
    public async Task RunAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        while (true)
        {
            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
            byte[]? frame = null;
            (WebSocketCloseStatus Status, string Reason)? closing = null;
            lock (gate)
            {
                if (queue.Count > 0)
                    frame = queue.Dequeue();
                else
                    closing = close;
            }
            if (frame is not null)
            {
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
                counters.MessageOut();
            }
            else if (closing is { } c)
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    await socket.CloseOutputAsync(c.Status, c.Reason, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }
}
