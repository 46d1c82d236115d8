using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Serilog;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// One TCP connection between two nodes: the handshake, then a read loop that parses frames straight from the pipe's
/// pooled segments and hands messages to the inbound handler. Writing after the handshake is done only by the owning
/// <see cref="Association"/>'s writer loop. Any protocol violation closes this connection (and only this one) with a
/// log line; <see cref="Close"/> is idempotent and reports the loss to the association exactly once.
/// </summary>
internal sealed class RemoteConnection
{
    private readonly Socket _socket;
    private readonly PipeReader _reader;
    private readonly RemoteTransport _transport;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _cts = new();
    private readonly Utf8StringCache _strings = new();
    private readonly TaskCompletionSource _readLoopDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closed;
    private volatile bool _writable;
    private volatile bool _reading;
    private Association? _association;
    private UniqueAddress? _peer;

    public RemoteConnection(Socket socket, bool initiatedLocally, RemoteTransport transport)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _transport = transport;
        InitiatedLocally = initiatedLocally;
        LocalEndPoint = Normalize(socket.LocalEndPoint);
        RemoteEndPoint = Normalize(socket.RemoteEndPoint);
        _log = transport.Log.ForContext("Endpoint", RemoteEndPoint);
        _reader = PipeReader.Create(new NetworkStream(socket, ownsSocket: false),
            new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
        Interlocked.Increment(ref transport.Counters.openConnections);
    }

    public bool InitiatedLocally { get; }
    public EndPoint? LocalEndPoint { get; }
    public EndPoint? RemoteEndPoint { get; }
    public UniqueAddress? Peer => _peer;
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>True once the handshake answer has been written: only then may the writer loop use the socket.</summary>
    public bool Writable => _writable && !IsClosed;

    /// <summary>Completes when the read loop has ended (or immediately if it never started).</summary>
    public Task ReadLoopCompletion => _readLoopDone.Task;

    public void MarkWritable() => _writable = true;

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (sent <= 0) throw new SocketException((int)SocketError.ConnectionReset);
            data = data[sent..];
        }
        Interlocked.Increment(ref _transport.Counters.socketWrites);
    }

    /// <summary>
    /// Reads the first frame, which must be a handshake. Returns null (after logging and counting) when the peer sends
    /// anything else, closes, or stays silent past the handshake timeout; the caller then closes the connection.
    /// </summary>
    public async Task<HandshakeFrame?> ReadHandshakeAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_transport.Settings.HandshakeTimeout, _transport.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken, _cts.Token);
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(linked.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                var status = FrameParser.TryReadFrame(ref buffer, _transport.Settings.MaxFrameSize, out var kind, out var body, out var length);
                switch (status)
                {
                    case FrameReadStatus.Complete when kind == FrameKind.Handshake:
                        var ok = FrameParser.TryParseHandshake(body, out var handshake, out var problem);
                        _reader.AdvanceTo(buffer.Start);
                        if (ok) return handshake;
                        ProtocolViolation($"invalid handshake ({problem})", ref _transport.Counters.malformedFrames);
                        return null;
                    case FrameReadStatus.Complete:
                        _reader.AdvanceTo(buffer.Start);
                        ProtocolViolation($"expected a handshake frame, got {kind}", ref _transport.Counters.malformedFrames);
                        return null;
                    case FrameReadStatus.Oversized:
                        OversizedViolation(length);
                        return null;
                    case FrameReadStatus.Malformed:
                        ProtocolViolation("malformed frame header", ref _transport.Counters.malformedFrames);
                        return null;
                }
                _reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                if (result.IsCompleted)
                {
                    Interlocked.Increment(ref _transport.Counters.handshakeFailures);
                    _log.Debug("Remoting connection from {Endpoint} closed before its handshake", RemoteEndPoint);
                    return null;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _transport.Counters.handshakeFailures);
            _log.Warning("Remoting handshake with {Endpoint} timed out after {Timeout}", RemoteEndPoint, _transport.Settings.HandshakeTimeout);
            return null;
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            Interlocked.Increment(ref _transport.Counters.handshakeFailures);
            _log.Debug(ex, "Remoting handshake with {Endpoint} failed", RemoteEndPoint);
            return null;
        }
    }

    /// <summary>Binds the connection to its association and starts reading messages.</summary>
    public void StartReading(Association association, UniqueAddress peer)
    {
        _association = association;
        _peer = peer;
        _reading = true;
        _ = Task.Run(ReadLoopAsync);
    }

    /// <summary>Associates without reading (connection installed, handshake answer still being written).</summary>
    public void Attach(Association association, UniqueAddress peer)
    {
        _association = association;
        _peer = peer;
    }

    private async Task ReadLoopAsync()
    {
        var graceful = false;
        var reason = "peer closed the connection";
        try
        {
            var association = _association!;
            while (true)
            {
                var result = await _reader.ReadAsync(_cts.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (!buffer.IsEmpty) association.OnBytesReceived(buffer.Length);
                var outcome = ProcessFrames(ref buffer, association);
                _reader.AdvanceTo(buffer.Start, result.Buffer.End);
                if (outcome is not null)
                {
                    (reason, graceful) = outcome.Value;
                    break;
                }
                if (result.IsCompleted) break;
            }
        }
        catch (OperationCanceledException)
        {
            reason = "connection closed locally";
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            reason = ex.InnerException?.Message ?? ex.Message;
        }
        catch (Exception ex)
        {
            reason = "read loop failed: " + ex.Message;
            _log.Error(ex, "Remoting read loop for {Peer} failed", _peer);
        }
        finally
        {
            await _reader.CompleteAsync().ConfigureAwait(false);
            Close(reason, graceful);
            _readLoopDone.TrySetResult();
        }
    }

    /// <summary>Handles every complete frame in <paramref name="buffer"/>; returns a close reason to stop reading.</summary>
    private (string Reason, bool Graceful)? ProcessFrames(ref ReadOnlySequence<byte> buffer, Association association)
    {
        var counters = _transport.Counters;
        var handler = _transport.Handler;
        var maxFrame = _transport.Settings.MaxFrameSize;
        long messages = 0;
        try
        {
            while (true)
            {
                var status = FrameParser.TryReadFrame(ref buffer, maxFrame, out var kind, out var body, out var length);
                if (status == FrameReadStatus.Incomplete) return null;
                if (status == FrameReadStatus.Oversized)
                {
                    OversizedViolation(length);
                    return ($"oversized frame of {length} bytes", false);
                }
                if (status == FrameReadStatus.Malformed)
                    return ProtocolViolation("malformed frame header", ref counters.malformedFrames);

                switch (kind)
                {
                    case FrameKind.UserMessage:
                    case FrameKind.SystemMessage:
                        if (!FrameParser.TryParseMessage(body, out var recipientBytes, out var senderBytes, out var manifestBytes, out var payload)
                            || !_strings.TryGet(recipientBytes, out var recipient)
                            || !_strings.TryGet(senderBytes, out var sender)
                            || !_strings.TryGet(manifestBytes, out var manifest))
                            return ProtocolViolation($"malformed {kind} frame", ref counters.malformedFrames);
                        messages++;
                        Deliver(handler, kind, recipient, sender.Length == 0 ? null : sender, manifest, payload);
                        break;
                    case FrameKind.Heartbeat:
                        if (!FrameParser.TryParseSequence(body, out var sequence))
                            return ProtocolViolation("malformed heartbeat frame", ref counters.malformedFrames);
                        association.RequestHeartbeatAck(sequence);
                        break;
                    case FrameKind.HeartbeatAck:
                        if (!FrameParser.TryParseSequence(body, out _))
                            return ProtocolViolation("malformed heartbeat-ack frame", ref counters.malformedFrames);
                        break;
                    case FrameKind.Close:
                        if (!FrameParser.TryParseClose(body, out var closeReason))
                            return ProtocolViolation("malformed close frame", ref counters.malformedFrames);
                        return closeReason == CloseReason.Shutdown
                            ? ("peer shut down", true)
                            : ("peer replaced this connection", false);
                    default:
                        return ProtocolViolation($"unexpected {kind} frame after the handshake", ref counters.malformedFrames);
                }
            }
        }
        finally
        {
            if (messages > 0)
            {
                Interlocked.Add(ref counters.messagesReceived, messages);
                association.OnMessagesReceived(messages);
            }
        }
    }

    private void Deliver(IInboundHandler handler, FrameKind kind, string recipient, string? sender, string manifest, ReadOnlySequence<byte> payload)
    {
        try
        {
            if (kind == FrameKind.SystemMessage) handler.OnSystemMessage(_peer!, recipient, sender, manifest, payload);
            else handler.OnMessage(_peer!.Address, recipient, sender, manifest, payload);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _transport.Counters.inboundHandlerFailures);
            _transport.HandlerFailureLog.Write(ex, "Inbound handler failed for a message to {Recipient} ({Count} failures since the last line)", recipient);
        }
    }

    private (string, bool) ProtocolViolation(string problem, ref long counter)
    {
        Interlocked.Increment(ref counter);
        _log.Warning("Closing remoting connection with {Endpoint} ({Peer}): {Problem}", RemoteEndPoint, _peer?.ToString() ?? "before handshake", problem);
        return (problem, false);
    }

    private void OversizedViolation(long length)
    {
        Interlocked.Increment(ref _transport.Counters.oversizedFramesReceived);
        _log.Warning("Closing remoting connection with {Endpoint} ({Peer}): frame of {Length} bytes exceeds maximum-frame-size {Max}",
            RemoteEndPoint, _peer?.ToString() ?? "before handshake", length, _transport.Settings.MaxFrameSize);
    }

    /// <summary>
    /// Sends FIN after the last frame and waits (bounded by <paramref name="cancellationToken"/>) for the peer to
    /// close its side, so that closing never resets a connection with bytes still in flight.
    /// </summary>
    public async Task CloseGracefullyAsync(CancellationToken cancellationToken)
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
            if (_reading) await _readLoopDone.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException or TimeoutException)
        {
            // The peer did not close in time or the socket is already gone: close hard below.
        }
        Close("local shutdown", graceful: true);
    }

    /// <summary>Closes the socket (idempotent) and tells the association, which decides whether to reconnect.</summary>
    public void Close(string reason, bool graceful)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        _cts.Cancel();
        try { _socket.Shutdown(SocketShutdown.Both); }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }
        _socket.Dispose();
        Interlocked.Decrement(ref _transport.Counters.openConnections);
        if (!_reading)
        {
            try { _reader.Complete(); }
            catch (InvalidOperationException) { }
            _readLoopDone.TrySetResult();
        }
        _association?.OnConnectionClosed(this, reason, graceful);
    }

    /// <summary>Dual-mode sockets report IPv4 peers as ::ffff:a.b.c.d; show them as plain IPv4.</summary>
    private static EndPoint? Normalize(EndPoint? endPoint) =>
        endPoint is IPEndPoint { Address.IsIPv4MappedToIPv6: true } ip ? new IPEndPoint(ip.Address.MapToIPv4(), ip.Port) : endPoint;

    public override string ToString() => $"{(InitiatedLocally ? "outbound" : "inbound")} {LocalEndPoint}->{RemoteEndPoint}";
}
