namespace Cluster.Runtime.Remoting;

/// <summary>Graceful shutdown (flush, close frames, FIN) and the abrupt variant used to simulate a crash.</summary>
public sealed partial class RemoteTransport
{
    /// <summary>
    /// Stops accepting and sending, lets every association write what is queued (bounded by shutdown-flush-timeout),
    /// sends close frames so peers do not report this node unreachable, then closes every socket. Idempotent: every
    /// call returns the same task.
    /// </summary>
    public Task ShutdownAsync()
    {
        lock (_shutdownGate)
        {
            return _shutdown ??= ShutdownCoreAsync(graceful: true);
        }
    }

    /// <summary>Closes everything at once without flushing or close frames: what peers see when a node crashes.</summary>
    internal Task AbortAsync()
    {
        lock (_shutdownGate)
        {
            return _shutdown ??= ShutdownCoreAsync(graceful: false);
        }
    }

    private async Task ShutdownCoreAsync(bool graceful)
    {
        await Task.Yield();
        _shuttingDown = true;
        _deadline.CancelAfter(Settings.ShutdownFlushTimeout);
        _acceptStop.Cancel();
        _listener?.Dispose();
        _heartbeatTimer?.Dispose();
        var associations = _associations.Values.ToList();
        if (graceful)
        {
            foreach (var association in associations) association.BeginShutdown();
            try
            {
                await Task.WhenAll(associations.Select(a => a.WriterCompletion)).WaitAsync(_deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Log.Warning("Remoting shutdown: queued messages were not written within {Timeout}; closing anyway", Settings.ShutdownFlushTimeout);
            }
        }
        foreach (var association in associations) association.Abort(graceful ? "shutdown flush timed out" : "transport aborted");
        foreach (var connection in _handshaking.Keys) connection.Close("transport shutting down", graceful: false);
        try
        {
            await Task.WhenAll(associations.Select(a => a.WriterCompletion)).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.Warning("Remoting shutdown: a writer loop did not stop within 5s after its socket was closed");
        }
        foreach (var association in associations) association.DiscardQueued();
        await _acceptLoop.ConfigureAwait(false);
        Log.Information("Remoting on {Address} stopped", _localAddress);
        await _events.CompleteAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => new(ShutdownAsync());

    public void Dispose() => ShutdownAsync().GetAwaiter().GetResult();
}
