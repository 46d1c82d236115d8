using System.Net.Sockets;

namespace Cluster.Runtime.Remoting;

/// <summary>Accepting and opening connections, and the handshake in both roles.</summary>
public sealed partial class RemoteTransport
{
    private async Task AcceptLoopAsync()
    {
        var listener = _listener!;
        while (!_acceptStop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_acceptStop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                if (_acceptStop.IsCancellationRequested) return;
                Log.Warning("Accepting a remoting connection failed: {Error}", ex.SocketErrorCode);
                continue;
            }
            Interlocked.Increment(ref Counters.connectionsAccepted);
            _ = Task.Run(() => HandleInboundAsync(socket));
        }
    }

    private async Task HandleInboundAsync(Socket socket)
    {
        RemoteConnection connection;
        try
        {
            connection = new RemoteConnection(socket, initiatedLocally: false, this);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            socket.Dispose();
            return;
        }
        _handshaking.TryAdd(connection, 0);
        try
        {
            if (_shuttingDown)
            {
                connection.Close("shutting down", graceful: false);
                return;
            }
            var request = await connection.ReadHandshakeAsync(_acceptStop.Token).ConfigureAwait(false);
            if (request is null)
            {
                connection.Close("handshake failed", graceful: false);
                return;
            }
            if (request.Phase != HandshakePhase.Request)
            {
                Interlocked.Increment(ref Counters.malformedFrames);
                Log.Warning("Closing remoting connection from {Endpoint}: expected a handshake request, got {Phase}", connection.RemoteEndPoint, request.Phase);
                connection.Close("protocol violation", graceful: false);
                return;
            }
            if (!string.Equals(request.SystemName, Settings.SystemName, StringComparison.Ordinal))
            {
                Log.Warning("Rejected remoting handshake from {Remote} ({Endpoint}): system name {TheirSystem} does not match ours, {OurSystem}",
                    request.From, connection.RemoteEndPoint, request.SystemName, Settings.SystemName);
                await RejectAsync(connection, HandshakeRejectReason.SystemNameMismatch).ConfigureAwait(false);
                return;
            }
            if (request.From == LocalAddress.Address)
            {
                Log.Warning("Rejected remoting handshake from {Endpoint}: it claims this node's own address {Address} (duplicate node address?)",
                    connection.RemoteEndPoint, request.From);
                await RejectAsync(connection, HandshakeRejectReason.InvalidAddress).ConfigureAwait(false);
                return;
            }
            if (_shuttingDown)
            {
                await RejectAsync(connection, HandshakeRejectReason.ShuttingDown).ConfigureAwait(false);
                return;
            }
            var association = GetOrCreateAssociation(request.From);
            var decision = association.DecideInbound(connection, request.Uid);
            if (decision != HandshakeRejectReason.None)
            {
                Log.Debug("Refused inbound connection from {Remote} ({Endpoint}): {Reason}", request.From, connection.RemoteEndPoint, decision);
                await RejectAsync(connection, decision).ConfigureAwait(false);
                return;
            }
            try
            {
                await connection.SendAsync(FrameCodec.EncodeHandshake(Answer(HandshakePhase.Accept))).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
            {
                connection.Close("writing the handshake answer failed", graceful: false);
                return;
            }
            association.CompleteInbound(connection);
        }
        catch (Exception ex)
        {
            Log.Error(ex, "Inbound remoting connection from {Endpoint} failed", connection.RemoteEndPoint);
            connection.Close("inbound handshake failed", graceful: false);
        }
        finally
        {
            _handshaking.TryRemove(connection, out _);
        }
    }

    private HandshakeFrame Answer(HandshakePhase phase, HandshakeRejectReason reason = HandshakeRejectReason.None) =>
        new(phase, reason, Settings.SystemName, LocalAddress.Address, LocalAddress.Uid);

    private async Task RejectAsync(RemoteConnection connection, HandshakeRejectReason reason)
    {
        Interlocked.Increment(ref Counters.handshakesRejected);
        try
        {
            await connection.SendAsync(FrameCodec.EncodeHandshake(Answer(HandshakePhase.Reject, reason))).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            // The initiator is gone already; nothing to tell it.
        }
        connection.Close($"handshake rejected: {reason}", graceful: false);
    }

    /// <summary>
    /// Opens a TCP connection to <paramref name="remote"/> and runs the initiator's side of the handshake. Returns the
    /// connection and the peer's answer, or a problem description (the association logs it and backs off).
    /// </summary>
    internal async Task<(RemoteConnection? Connection, HandshakeFrame? Answer, string? Problem)> ConnectAsync(
        NodeAddress remote, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var timeout = new CancellationTokenSource(Settings.ConnectTimeout, Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            await socket.ConnectAsync(remote.Host, remote.Port, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            socket.Dispose();
            return (null, null, cancellationToken.IsCancellationRequested ? "cancelled" : $"connect timed out after {Settings.ConnectTimeout}");
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            return (null, null, $"connect failed: {ex.SocketErrorCode}");
        }
        Interlocked.Increment(ref Counters.connectionsOpened);

        var connection = new RemoteConnection(socket, initiatedLocally: true, this);
        _handshaking.TryAdd(connection, 0);
        try
        {
            await connection.SendAsync(FrameCodec.EncodeHandshake(Answer(HandshakePhase.Request)), cancellationToken).ConfigureAwait(false);
            var answer = await connection.ReadHandshakeAsync(cancellationToken).ConfigureAwait(false);
            var problem = answer switch
            {
                null => "handshake failed",
                { Phase: HandshakePhase.Reject } => $"handshake rejected by the peer: {answer.RejectReason}",
                { Phase: not HandshakePhase.Accept } => "peer answered with a handshake request",
                _ when !string.Equals(answer.SystemName, Settings.SystemName, StringComparison.Ordinal) =>
                    $"peer belongs to system {answer.SystemName}, not {Settings.SystemName}",
                _ when answer.From != remote => $"peer identifies itself as {answer.From}",
                _ => null,
            };
            if (problem is null) return (connection, answer, null);

            if (answer is { Phase: HandshakePhase.Reject }) Interlocked.Increment(ref Counters.handshakesRejected);
            if (answer is { Phase: HandshakePhase.Reject, RejectReason: HandshakeRejectReason.DuplicateConnection or HandshakeRejectReason.ShuttingDown })
                Log.Debug("Connection to {Remote} refused: {Problem}", remote, problem);
            else if (answer is not null)
                Log.Warning("Connection to {Remote} refused: {Problem}", remote, problem);
            connection.Close(problem, graceful: false);
            return (null, null, problem);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            connection.Close("handshake failed", graceful: false);
            return (null, null, $"handshake failed: {ex.Message}");
        }
        finally
        {
            _handshaking.TryRemove(connection, out _);
        }
    }
}
