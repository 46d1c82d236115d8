using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Sip.Transport;

/// <summary>
/// One TCP or TLS connection: a read loop that frames messages with the parser's stream API (nothing is consumed
/// until a whole message is there), answers CRLF CRLF pings with a CRLF pong (RFC 5626 §4.4.1), answers malformed
/// requests and closes the connection when the framing is lost; and serialized writes with a deadline.
/// </summary>
internal sealed class SipStreamConnection : IAsyncDisposable
{
    private static readonly ReadOnlyMemory<byte> Pong = "\r\n"u8.ToArray();
    private readonly SipStreamChannel channel;
    private readonly Socket socket;
    private readonly Stream stream;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly CancellationTokenSource closed = new();
    private long lastActivity;
    private int disposed;

    public SipStreamConnection(SipStreamChannel channel, long id, Socket socket, Stream stream, X509Certificate2? peerCertificate, bool outbound)
    {
        this.channel = channel;
        this.socket = socket;
        this.stream = stream;
        Id = id;
        PeerCertificate = peerCertificate;
        IsOutbound = outbound;
        Remote = Normalize((IPEndPoint)socket.RemoteEndPoint!);
        Local = Normalize((IPEndPoint)socket.LocalEndPoint!);
        Flow = new SipFlow(channel.Kind, Local, Remote, id);
        Touch();
    }

    public long Id { get; }

    public IPEndPoint Remote { get; }

    public IPEndPoint Local { get; }

    public SipFlow Flow { get; }

    public X509Certificate2? PeerCertificate { get; }

    public bool IsOutbound { get; }

    public bool IsClosed => Volatile.Read(ref disposed) != 0;

    /// <summary>Timestamp (of the host's TimeProvider) of the last byte read or written.</summary>
    public long LastActivity => Interlocked.Read(ref lastActivity);

    private SipTransportLayer Host => channel.Host;

    /// <summary>Reads until the peer closes, the connection is closed, or the framing is lost. Never throws.</summary>
    public async Task RunAsync()
    {
        var options = Host.ParserOptions;
        var limit = options.MaxHeaderBytes + options.MaxBodyBytes + 4;
        var buffer = ArrayPool<byte>.Shared.Rent(8192);
        var filled = 0;
        var reason = "peer closed the connection";
        try
        {
            while (!closed.IsCancellationRequested)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= limit)
                    {
                        reason = "message larger than uc.sip.max-message-size";
                        break;
                    }
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit));
                    buffer.AsSpan(0, filled).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await stream.ReadAsync(buffer.AsMemory(filled), closed.Token).ConfigureAwait(false);
                if (read == 0) break;
                filled += read;
                Touch();

                var consumed = 0;
                var keepReading = true;
                while (keepReading && consumed < filled)
                {
                    var result = SipMessageParser.TryParseStream(buffer.AsSpan(consumed, filled - consumed), options, out var message);
                    switch (result.Status)
                    {
                        case SipParseStatus.Complete:
                            consumed += result.Consumed;
                            await Host.ReceiveAsync(message!, Flow, PeerCertificate, canWait: true).ConfigureAwait(false);
                            break;
                        case SipParseStatus.KeepAlivePing:
                            consumed += result.Consumed;
                            Host.Counters.PingReceived();
                            await WriteAsync(Pong, CancellationToken.None).ConfigureAwait(false); // RFC 5626 §4.4.1
                            Host.Counters.PongSent();
                            break;
                        case SipParseStatus.KeepAlivePong:
                            consumed += result.Consumed;
                            break;
                        case SipParseStatus.NeedMoreData:
                            keepReading = false;
                            break;
                        default:
                            var raw = buffer.AsSpan(consumed, result.Consumed > 0 ? result.Consumed : filled - consumed);
                            await RejectAsync(raw.ToArray(), result.Error!).ConfigureAwait(false);
                            if (result.Error!.BreaksFraming || result.Consumed == 0)
                            {
                                reason = $"framing lost: {result.Error.Reason}";
                                return;
                            }
                            consumed += result.Consumed;
                            break;
                    }
                }
                if (consumed > 0)
                {
                    buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                    filled -= consumed;
                }
            }
        }
        catch (OperationCanceledException) when (closed.IsCancellationRequested)
        {
            reason = "closed locally";
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            reason = ex.Message;
        }
        catch (Exception ex)
        {
            Host.Counters.LoopFault();
            Host.Log.Error(ex, "Read loop of {Flow} caught a fault", Flow);
            reason = "internal fault";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Host.Log.Debug("Connection {Flow} ends: {Reason}", Flow, reason);
            await DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task RejectAsync(byte[] raw, SipParseError error)
    {
        var reply = Host.RejectMalformed(raw, error, Flow);
        if (reply is null) return;
        try
        {
            await WriteAsync(reply.Value, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SipTransportException)
        {
        }
    }

    /// <summary>Writes one whole message; writes never interleave. Throws <see cref="SipTransportException"/>.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (IsClosed) throw new SipTransportException($"connection {Flow} is closed");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, closed.Token);
        deadline.CancelAfter(Host.Settings.ConnectTimeout);
        var entered = false;
        try
        {
            await writeLock.WaitAsync(deadline.Token).ConfigureAwait(false);
            entered = true;
            await stream.WriteAsync(bytes, deadline.Token).ConfigureAwait(false);
            await stream.FlushAsync(deadline.Token).ConfigureAwait(false);
            Touch();
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Host.Counters.SendFailed();
            var why = ex is OperationCanceledException && !cancellationToken.IsCancellationRequested ? "write timed out or connection closed" : ex.Message;
            _ = DisposeAsync().AsTask();
            throw new SipTransportException($"write on {Flow} failed: {why}", ex);
        }
        finally
        {
            if (entered) writeLock.Release();
        }
    }

    private void Touch() => Interlocked.Exchange(ref lastActivity, Host.Time.GetTimestamp());

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        closed.Cancel();
        channel.Forget(this);
        try
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
        }
        socket.Dispose();
        Host.Counters.Closed();
        Host.ReleaseConnection();
    }

    internal static IPEndPoint Normalize(IPEndPoint ep) => ep.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(ep.Address.MapToIPv4(), ep.Port) : ep;
}
