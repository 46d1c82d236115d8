using System.Collections.Concurrent;
using Serilog.Events;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// Everything this node keeps about one remote node address: the bounded send queues (system and user), the one
/// connection currently carrying traffic in both directions, the reconnect loop, and the failure-detector state.
/// Lives as long as the transport (or until the address is forgotten); connections come and go underneath it.
/// State changes happen under <c>_gate</c>; the send path only touches lock-free queues and counters.
/// Split by concern: this file holds queues and diagnostics, <c>Association.Connection.cs</c> the connection life
/// cycle, <c>Association.Writer.cs</c> the writer loop and heartbeats.
/// </summary>
internal sealed partial class Association
{
    private readonly RemoteTransport _transport;
    private readonly RemotingSettings _settings;
    private readonly object _gate = new();
    private readonly ConcurrentQueue<OutboundFrame> _user = new();
    private readonly ConcurrentQueue<OutboundFrame> _system = new();
    private readonly AsyncSignal _signal = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly RateLimitedLog _dropLog;
    private readonly RateLimitedLog _connectFailureLog;
    private readonly Task _writer;
    private int _userCount;
    private int _systemCount;
    private long _sent;
    private long _received;
    private long _dropped;
    private long _established;
    private volatile bool _stopping;

    public Association(RemoteTransport transport, NodeAddress remote)
    {
        _transport = transport;
        _settings = transport.Settings;
        Remote = remote;
        _dropLog = new RateLimitedLog(transport.Log, LogEventLevel.Warning, _settings.LogRateLimit, transport.Time);
        _connectFailureLog = new RateLimitedLog(transport.Log, LogEventLevel.Warning, _settings.LogRateLimit, transport.Time);
        _writer = Task.Run(WriterLoopAsync);
    }

    public NodeAddress Remote { get; }

    /// <summary>Completes when the writer loop has ended (after <see cref="BeginShutdown"/>).</summary>
    public Task WriterCompletion => _writer;

    public int QueuedMessages => Volatile.Read(ref _userCount) + Volatile.Read(ref _systemCount);

    /// <summary>Queues an encoded frame; takes ownership of its pooled buffer whatever the outcome.</summary>
    public SendOutcome Enqueue(in OutboundFrame frame, bool system)
    {
        if (_stopping)
        {
            frame.Release();
            return SendOutcome.RejectedShutdown;
        }
        ref var count = ref system ? ref _systemCount : ref _userCount;
        var capacity = system ? _settings.SystemQueueCapacity : _settings.SendQueueCapacity;
        if (Interlocked.Increment(ref count) > capacity)
        {
            Interlocked.Decrement(ref count);
            frame.Release();
            Interlocked.Increment(ref _dropped);
            Interlocked.Increment(ref _transport.Counters.droppedQueueFull);
            _dropLog.Write(null, "Dropping messages to {Remote}: send queue full ({Count} dropped since the last line)", Remote);
            return SendOutcome.DroppedQueueFull;
        }
        (system ? _system : _user).Enqueue(frame);
        if (_connection is null) EnsureConnecting();
        _signal.Set();
        return SendOutcome.Enqueued;
    }

    private bool TryDequeue(out OutboundFrame frame)
    {
        if (Volatile.Read(ref _systemCount) > 0 && _system.TryDequeue(out frame))
        {
            Interlocked.Decrement(ref _systemCount);
            return true;
        }
        if (_user.TryDequeue(out frame))
        {
            Interlocked.Decrement(ref _userCount);
            return true;
        }
        return false;
    }

    /// <summary>Returns the buffers of frames that will never be written (shutdown or forget) and counts them.</summary>
    public void DiscardQueued()
    {
        var discarded = 0L;
        while (TryDequeue(out var frame))
        {
            frame.Release();
            discarded++;
        }
        if (discarded > 0)
        {
            Interlocked.Add(ref _transport.Counters.droppedUnsent, discarded);
            _transport.Log.Warning("Discarded {Count} queued messages to {Remote} that could not be written before the association closed", discarded, Remote);
        }
    }

    public void OnMessagesReceived(long count) => Interlocked.Add(ref _received, count);

    public AssociationDiagnostics Diagnostics()
    {
        lock (_gate)
        {
            var connection = _connection;
            return new AssociationDiagnostics(
                Remote,
                _remoteUid == 0 ? null : _remoteUid,
                _state,
                _reachable,
                connection?.InitiatedLocally,
                connection?.LocalEndPoint,
                connection?.RemoteEndPoint,
                _established,
                Volatile.Read(ref _userCount),
                Volatile.Read(ref _systemCount),
                Interlocked.Read(ref _sent),
                Interlocked.Read(ref _received),
                Interlocked.Read(ref _dropped));
        }
    }
}
