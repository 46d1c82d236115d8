namespace Cluster.Runtime.Remoting;

/// <summary>
/// Connection life cycle of an association: installing the connection that won the handshake, the deterministic
/// simultaneous-connect tie-break, incarnation changes, loss and reconnect with exponential backoff and jitter.
/// </summary>
internal sealed partial class Association
{
    private volatile RemoteConnection? _connection;
    private volatile AssociationState _state = AssociationState.Idle;
    private CancellationTokenSource? _pendingAttempt;
    private bool _connectLoopRunning;
    private long _remoteUid;

    /// <summary>Starts connecting if nothing is connected or connecting (first send, or <see cref="RemoteTransport.Associate"/>).</summary>
    public void EnsureConnecting()
    {
        if (_state != AssociationState.Idle) return;
        lock (_gate)
        {
            if (!StartConnectLoopLocked()) return;
        }
    }

    /// <summary>Under <c>_gate</c>: starts the connect loop unless connected, stopping or already running.</summary>
    private bool StartConnectLoopLocked()
    {
        if (_stopping || _connection is not null) return false;
        _state = AssociationState.Connecting;
        if (_connectLoopRunning) return false;
        _connectLoopRunning = true;
        _state = AssociationState.Connecting;
        _ = Task.Run(ConnectLoopAsync);
        return true;
    }

    private async Task ConnectLoopAsync()
    {
        var backoff = _settings.ReconnectBackoffMin;
        var attempts = 0;
        while (true)
        {
            CancellationTokenSource attempt;
            lock (_gate)
            {
                // While stopping, one attempt is still made for messages queued before the shutdown began.
                if (_connection is not null || (_stopping && (attempts > 0 || QueuedMessages == 0)))
                {
                    _connectLoopRunning = false;
                    if (_stopping && _connection is null) _state = AssociationState.ShutDown;
                    _signal.Set();
                    return;
                }
                attempt = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
                _pendingAttempt = attempt;
                attempts++;
            }

            string failure;
            try
            {
                var (connection, handshake, problem) = await _transport.ConnectAsync(Remote, attempt.Token).ConfigureAwait(false);
                failure = problem ?? "";
                if (connection is not null && handshake is not null)
                {
                    if (TryInstallOutbound(connection, handshake, attempt)) backoff = _settings.ReconnectBackoffMin;
                    else failure = "superseded by another connection";
                }
            }
            catch (Exception ex)
            {
                failure = ex.Message;
                _transport.Log.Error(ex, "Connecting to {Remote} failed unexpectedly", Remote);
            }
            finally
            {
                lock (_gate)
                {
                    if (ReferenceEquals(_pendingAttempt, attempt)) _pendingAttempt = null;
                }
                attempt.Dispose();
            }

            if (_connection is not null || _stopping) continue;
            var delay = Jitter(backoff);
            _connectFailureLog.Write(null, "Cannot connect to {Remote} ({Reason}); retrying with backoff ({Count} failures since the last line)", Remote, failure);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _settings.ReconnectBackoffMax.Ticks));
            try
            {
                await Task.Delay(delay, _transport.Time, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Shutting down: the loop exits at the top.
            }
        }
    }

    private static TimeSpan Jitter(TimeSpan backoff) =>
        TimeSpan.FromTicks((long)(backoff.Ticks * (0.8 + 0.4 * Random.Shared.NextDouble())));

    /// <summary>An outbound handshake was accepted by the peer: install it unless it lost to an inbound connection.</summary>
    private bool TryInstallOutbound(RemoteConnection connection, HandshakeFrame answer, CancellationTokenSource attempt)
    {
        RemoteConnection? replaced;
        UniqueAddress peer;
        lock (_gate)
        {
            // Installed even while stopping: the writer then flushes the queue before closing.
            var superseded = !ReferenceEquals(_pendingAttempt, attempt);
            // Both directions completed (only possible in races the tie-break normally prevents): keep the
            // connection initiated by the lower address, like the tie-break does.
            if (!superseded && _connection is { IsClosed: false } && _remoteUid == answer.Uid && Remote < _transport.LocalAddress.Address)
                superseded = true;
            if (superseded)
            {
                replaced = null;
                peer = null!;
            }
            else
            {
                _pendingAttempt = null;
                peer = InstallLocked(connection, answer.Uid, out replaced);
            }
        }
        if (peer is null)
        {
            connection.Close("superseded by another connection", graceful: false);
            return false;
        }
        replaced?.Close("replaced by a newer connection", graceful: false);
        connection.MarkWritable();
        connection.StartReading(this, peer);
        _signal.Set();
        return true;
    }

    /// <summary>
    /// Decides whether an inbound connection whose handshake request was valid becomes this association's connection.
    /// Returns <see cref="HandshakeRejectReason.None"/> when it was installed (not yet writable: the caller writes the
    /// accepting handshake, then calls <see cref="CompleteInbound"/>). The tie-break, applied identically on both nodes:
    /// of two connections between the same incarnations, the one initiated by the lower address survives; a node that
    /// initiates a new connection while one it initiated itself is still installed replaces it (it saw it die); a
    /// silent connection (no frame for acceptable-heartbeat-pause) or one to an older incarnation is always replaced.
    /// </summary>
    public HandshakeRejectReason DecideInbound(RemoteConnection connection, long peerUid)
    {
        RemoteConnection? replaced;
        lock (_gate)
        {
            if (_stopping) return HandshakeRejectReason.ShuttingDown;
            var local = _transport.LocalAddress.Address;
            var existing = _connection;
            var sameIncarnation = _remoteUid == peerUid;
            if (existing is { IsClosed: false } && sameIncarnation)
            {
                var replace = !existing.InitiatedLocally || Remote < local || IsSilent();
                if (!replace) return HandshakeRejectReason.DuplicateConnection;
            }
            if (_pendingAttempt is not null)
            {
                if (local < Remote) return HandshakeRejectReason.DuplicateConnection;
                _pendingAttempt.Cancel();
                _pendingAttempt = null;
            }
            InstallLocked(connection, peerUid, out replaced);
        }
        replaced?.Close(replaced.Peer?.Uid == peerUid ? "replaced by a newer connection" : "peer restarted", graceful: false);
        return HandshakeRejectReason.None;
    }

    /// <summary>The accepting handshake of an installed inbound connection was written: let traffic flow.</summary>
    public void CompleteInbound(RemoteConnection connection)
    {
        connection.MarkWritable();
        connection.StartReading(this, connection.Peer!);
        _signal.Set();
    }

    /// <summary>Under <c>_gate</c>: makes <paramref name="connection"/> current and publishes what changed.</summary>
    private UniqueAddress InstallLocked(RemoteConnection connection, long uid, out RemoteConnection? replaced)
    {
        replaced = _connection;
        var peer = new UniqueAddress(Remote, uid);
        var previousUid = _remoteUid;
        if (previousUid != 0 && previousUid != uid)
        {
            var previous = new UniqueAddress(Remote, previousUid);
            if (replaced is not null) _transport.Publish(new AssociationLost(previous, "replaced by a new incarnation", false));
            _transport.Log.Information("Node {Remote} restarted: incarnation {Previous} replaced by {Current}", Remote, previousUid, uid);
            _transport.Publish(new IncarnationChanged(peer, previous));
            _transport.Publish(new AssociationEstablished(peer));
        }
        else
        {
            if (replaced is null) _transport.Publish(new AssociationEstablished(peer));
            if (!_reachable) _transport.Publish(new PeerReachable(peer));
        }
        connection.Attach(this, peer);
        _connection = connection;
        _remoteUid = uid;
        _state = AssociationState.Connected;
        _reachable = true;
        _monitored = true;
        Volatile.Write(ref _lastReceived, _transport.Time.GetTimestamp());
        _established++;
        Interlocked.Increment(ref _transport.Counters.connectionsEstablished);
        _transport.Log.Debug("Associated with {Peer} over {Connection}", peer, connection);
        return peer;
    }

    /// <summary>Called once per connection when it closes; reconnects unless the peer left gracefully or we stop.</summary>
    public void OnConnectionClosed(RemoteConnection connection, string reason, bool graceful)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_connection, connection)) return;
            _connection = null;
            _transport.Publish(new AssociationLost(new UniqueAddress(Remote, _remoteUid), reason, graceful));
            if (_stopping)
            {
                _state = AssociationState.ShutDown;
            }
            else if (graceful)
            {
                // The peer left on purpose: no unreachability report, and no reconnect until there is something to send.
                _monitored = false;
                _state = AssociationState.Idle;
                if (QueuedMessages > 0) StartConnectLoopLocked();
            }
            else
            {
                _transport.Log.Information("Association with {Remote} lost ({Reason}); reconnecting", Remote, reason);
                _state = AssociationState.Idle;
                StartConnectLoopLocked();
            }
        }
        _signal.Set();
    }

    /// <summary>
    /// Stops reconnecting and lets the writer flush, write a close frame and close gracefully. A connection attempt
    /// already under way may still complete so that queued messages get written.
    /// </summary>
    public void BeginShutdown()
    {
        lock (_gate)
        {
            if (_stopping) return;
            _stopping = true;
            if (_connection is null && !_connectLoopRunning) _state = AssociationState.ShutDown;
        }
        _stop.Cancel();
        _signal.Set();
    }

    /// <summary>Closes the current connection without a close frame (shutdown deadline passed, or a test's crash).</summary>
    public void Abort(string reason)
    {
        BeginShutdown();
        lock (_gate)
        {
            _pendingAttempt?.Cancel();
            _state = AssociationState.ShutDown;
        }
        _abort.Cancel();
        _connection?.Close(reason, graceful: false);
        _signal.Set();
    }
}
