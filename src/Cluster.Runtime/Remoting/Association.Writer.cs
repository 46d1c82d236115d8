namespace Cluster.Runtime.Remoting;

/// <summary>
/// Writer loop and failure detection of an association. The writer coalesces every queued frame (system queue first)
/// plus pending heartbeat/ack frames into one batch buffer per socket write; it only dequeues while a writable
/// connection exists, which is how messages wait out a disconnection.
/// </summary>
internal sealed partial class Association
{
    private volatile bool _reachable = true;
    private volatile bool _monitored;
    private long _lastReceived;
    private long _pendingAck = -1;
    private int _heartbeatDue;
    private long _heartbeatSequence;

    /// <summary>The read loop got a heartbeat: answer it with the next write.</summary>
    public void RequestHeartbeatAck(long sequence)
    {
        Volatile.Write(ref _pendingAck, sequence);
        _signal.Set();
    }

    /// <summary>Any bytes from the peer prove it alive (called once per socket read, not per frame).</summary>
    public void OnBytesReceived(long bytes)
    {
        Interlocked.Add(ref _transport.Counters.bytesReceived, bytes);
        Volatile.Write(ref _lastReceived, _transport.Time.GetTimestamp());
        if (_reachable) return;
        lock (_gate)
        {
            if (_reachable || !_monitored || _connection is null) return;
            _reachable = true;
            _transport.Log.Information("Node {Remote} is reachable again", Remote);
            _transport.Publish(new PeerReachable(new UniqueAddress(Remote, _remoteUid)));
        }
    }

    /// <summary>Heartbeat timer tick: queue a heartbeat and check the silence of the peer.</summary>
    public void OnHeartbeatTick(long now)
    {
        if (_connection is not null)
        {
            // Written as soon as the connection is writable (an inbound one may still be sending its handshake answer).
            Volatile.Write(ref _heartbeatDue, 1);
            _signal.Set();
        }
        if (!_monitored || !_reachable) return;
        var silence = _transport.Time.GetElapsedTime(Volatile.Read(ref _lastReceived), now);
        if (silence <= _settings.AcceptableHeartbeatPause) return;
        lock (_gate)
        {
            if (!_monitored || !_reachable) return;
            _reachable = false;
            _transport.Log.Warning("Node {Remote} is unreachable: nothing received for {Silence}", Remote, silence);
            _transport.Publish(new PeerUnreachable(new UniqueAddress(Remote, _remoteUid), silence));
        }
    }

    private bool IsSilent() =>
        _transport.Time.GetElapsedTime(Volatile.Read(ref _lastReceived)) > _settings.AcceptableHeartbeatPause;

    private async Task WriterLoopAsync()
    {
        var batch = new byte[_settings.WriteBatchSize];
        while (true)
        {
            await _signal.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            var connection = _connection;
            if (connection is { Writable: true })
            {
                try
                {
                    await DrainAsync(connection, batch).ConfigureAwait(false);
                    if (_stopping && QueuedMessages == 0)
                    {
                        await CloseGracefullyAsync(connection, batch).ConfigureAwait(false);
                        return;
                    }
                }
                catch (Exception ex)
                {
                    connection.Close("write failed: " + ex.Message, graceful: false);
                }
            }
            if (_stopping && NothingLeftToWrite()) return;
            if (_stopping && _connection is { Writable: true }) _signal.Set();
        }
    }

    /// <summary>While stopping: no connection and none coming (an attempt in flight or an inbound accept may still deliver one).</summary>
    private bool NothingLeftToWrite()
    {
        lock (_gate) return _connection is null && !_connectLoopRunning;
    }

    private async Task DrainAsync(RemoteConnection connection, byte[] batch)
    {
        var position = WriteControlFrames(batch);
        long messages = 0;
        while (TryDequeue(out var frame))
        {
            if (position + frame.Length > batch.Length)
            {
                if (position > 0)
                {
                    await FlushAsync(connection, batch, position, messages).ConfigureAwait(false);
                    messages = 0;
                }
                position = WriteControlFrames(batch);
                if (position + frame.Length > batch.Length)
                {
                    // Larger than a whole batch: flush what is there, then write the frame from its own buffer.
                    if (position > 0) await FlushAsync(connection, batch, position, 0).ConfigureAwait(false);
                    position = 0;
                    try
                    {
                        await FlushAsync(connection, frame.Buffer, frame.Length, 1).ConfigureAwait(false);
                    }
                    finally
                    {
                        frame.Release();
                    }
                    continue;
                }
            }
            frame.Span.CopyTo(batch.AsSpan(position));
            position += frame.Length;
            messages++;
            frame.Release();
        }
        if (position > 0) await FlushAsync(connection, batch, position, messages).ConfigureAwait(false);
    }

    private int WriteControlFrames(byte[] batch)
    {
        var position = 0;
        var ack = Interlocked.Exchange(ref _pendingAck, -1);
        if (ack >= 0) position += FrameCodec.WriteHeartbeat(batch.AsSpan(position), FrameKind.HeartbeatAck, ack);
        if (Interlocked.Exchange(ref _heartbeatDue, 0) == 1)
            position += FrameCodec.WriteHeartbeat(batch.AsSpan(position), FrameKind.Heartbeat, ++_heartbeatSequence);
        return position;
    }

    private async ValueTask FlushAsync(RemoteConnection connection, byte[] buffer, int length, long messages)
    {
        try
        {
            await connection.SendAsync(buffer.AsMemory(0, length)).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Add(ref _transport.Counters.droppedUnsent, messages);
            throw;
        }
        Interlocked.Add(ref _transport.Counters.messagesSent, messages);
        Interlocked.Add(ref _transport.Counters.bytesSent, length);
        Interlocked.Add(ref _sent, messages);
    }

    private async Task CloseGracefullyAsync(RemoteConnection connection, byte[] batch)
    {
        var length = FrameCodec.WriteClose(batch, CloseReason.Shutdown);
        await connection.SendAsync(batch.AsMemory(0, length)).ConfigureAwait(false);
        await connection.CloseGracefullyAsync(_transport.ShutdownDeadline).ConfigureAwait(false);
    }
}
