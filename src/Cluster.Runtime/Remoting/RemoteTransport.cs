using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Serilog;
using Serilog.Events;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// Node-to-node transport: one TCP connection per pair of nodes carrying length-prefixed frames both ways, a bounded
/// send queue per remote node, heartbeats and reachability events. It knows nothing of actors: recipients and senders
/// are path strings and payloads are bytes with a manifest, so the kernel wires <c>RemoteActorRef.Tell</c> to
/// <see cref="Send(NodeAddress,string,string?,string,ReadOnlySpan{byte})"/> and feeds <see cref="IInboundHandler"/>
/// into local delivery. Delivery is at-most-once (as in Akka): queued messages are lost when a connection breaks.
/// </summary>
public sealed partial class RemoteTransport : IAsyncDisposable, IDisposable, IObservable<RemotingEvent>
{
    private readonly ConcurrentDictionary<NodeAddress, Association> _associations = new();
    private readonly object _associationsGate = new();
    private readonly ConcurrentDictionary<RemoteConnection, byte> _handshaking = new();
    private readonly CancellationTokenSource _acceptStop = new();
    private readonly CancellationTokenSource _deadline = new();
    private readonly RemotingEventBus _events;
    private readonly IRemotePayloadSerializer? _serializer;
    private readonly RateLimitedLog _oversizedLog;
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private ITimer? _heartbeatTimer;
    private UniqueAddress? _localAddress;
    private volatile bool _shuttingDown;
    private Task? _shutdown;
    private readonly object _shutdownGate = new();

    public RemoteTransport(
        RemotingSettings settings,
        IInboundHandler handler,
        ILogger? logger = null,
        TimeProvider? timeProvider = null,
        IRemotePayloadSerializer? serializer = null)
    {
        Settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validate();
        Handler = handler ?? throw new ArgumentNullException(nameof(handler));
        Time = timeProvider ?? TimeProvider.System;
        Log = (logger ?? Serilog.Log.Logger).ForContext<RemoteTransport>();
        _serializer = serializer;
        _events = new RemotingEventBus(Log);
        HandlerFailureLog = new RateLimitedLog(Log, LogEventLevel.Error, Settings.LogRateLimit, Time);
        _oversizedLog = new RateLimitedLog(Log, LogEventLevel.Error, Settings.LogRateLimit, Time);
    }

    public RemotingSettings Settings { get; }
    public RemotingCounters Counters { get; } = new();

    /// <summary>This node's public address and incarnation uid; available after <see cref="Start"/>.</summary>
    public UniqueAddress LocalAddress => _localAddress ?? throw new InvalidOperationException("The transport has not been started.");

    internal IInboundHandler Handler { get; }
    internal TimeProvider Time { get; }
    internal ILogger Log { get; }
    internal RateLimitedLog HandlerFailureLog { get; }

    /// <summary>Cancelled when the graceful shutdown's flush time is up.</summary>
    internal CancellationToken ShutdownDeadline => _deadline.Token;

    /// <summary>Binds the listener, picks the incarnation uid and starts heartbeats. Returns this for chaining.</summary>
    public RemoteTransport Start()
    {
        lock (_shutdownGate)
        {
            if (_shutdown is not null) throw new ObjectDisposedException(nameof(RemoteTransport));
            if (_listener is not null) throw new InvalidOperationException("The transport is already started.");
            var bindAddress = ResolveBindAddress(Settings.BindHost);
            var listener = new Socket(bindAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (bindAddress.Equals(IPAddress.IPv6Any)) listener.DualMode = true;
                listener.Bind(new IPEndPoint(bindAddress, Settings.BindPort));
                listener.Listen(512);
            }
            catch (SocketException ex)
            {
                listener.Dispose();
                throw new InvalidOperationException(
                    $"Cannot listen for remoting on {Settings.BindHost}:{Settings.BindPort} (uc.remote.bind-hostname/bind-port): {ex.SocketErrorCode}.", ex);
            }
            _listener = listener;
            var boundPort = ((IPEndPoint)listener.LocalEndPoint!).Port;
            var publicHost = Settings.PublicHost.Length > 0 ? Settings.PublicHost
                : IsWildcard(Settings.BindHost) ? Dns.GetHostName() : Settings.BindHost;
            var publicPort = Settings.PublicPort != 0 ? Settings.PublicPort : boundPort;
            _localAddress = new UniqueAddress(new NodeAddress(publicHost, publicPort), Random.Shared.NextInt64(1, long.MaxValue));
            _acceptLoop = Task.Run(AcceptLoopAsync);
            _heartbeatTimer = Time.CreateTimer(_ => OnHeartbeatTick(), null, Settings.HeartbeatInterval, Settings.HeartbeatInterval);
            Log.Information("Remoting listening on {Bind}:{Port} as {Address}", Settings.BindHost, boundPort, _localAddress);
            return this;
        }
    }

    /// <summary>Queues a user message to <paramref name="target"/>; the payload is copied, the caller keeps it.</summary>
    public SendOutcome Send(NodeAddress target, string recipientPath, string? senderPath, string manifest, ReadOnlySpan<byte> payload) =>
        SendBytes(target, FrameKind.UserMessage, recipientPath, senderPath, manifest, payload);

    /// <summary>Queues a system message (death watch, ...): separate small queue, written before user messages.</summary>
    public SendOutcome SendSystem(NodeAddress target, string recipientPath, string? senderPath, string manifest, ReadOnlySpan<byte> payload) =>
        SendBytes(target, FrameKind.SystemMessage, recipientPath, senderPath, manifest, payload);

    /// <summary>Serializes <paramref name="message"/> with the injected serializer straight into its frame and queues it.</summary>
    public SendOutcome Send(NodeAddress target, string recipientPath, string? senderPath, object message) =>
        SendObject(target, FrameKind.UserMessage, recipientPath, senderPath, message);

    /// <summary>System-message variant of <see cref="Send(NodeAddress,string,string?,object)"/>.</summary>
    public SendOutcome SendSystem(NodeAddress target, string recipientPath, string? senderPath, object message) =>
        SendObject(target, FrameKind.SystemMessage, recipientPath, senderPath, message);

    private SendOutcome SendBytes(NodeAddress target, FrameKind kind, string recipientPath, string? senderPath, string manifest, ReadOnlySpan<byte> payload)
    {
        FrameCodec.ValidateMessageStrings(recipientPath, senderPath, manifest);
        if (Rejected(target) is { } rejected) return rejected;
        if (payload.Length > Settings.MaxFrameSize) return Oversized(target, recipientPath, manifest, payload.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(FrameCodec.MaxMessageHeaderSize(recipientPath, senderPath, manifest) + payload.Length);
        var payloadStart = FrameCodec.WriteMessageHeader(buffer, kind, recipientPath, senderPath, manifest);
        var total = payloadStart + payload.Length;
        if (total - FrameCodec.LengthPrefixSize > Settings.MaxFrameSize)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return Oversized(target, recipientPath, manifest, total - FrameCodec.LengthPrefixSize);
        }
        payload.CopyTo(buffer.AsSpan(payloadStart));
        FrameCodec.WriteLengthPrefix(buffer, total);
        return GetOrCreateAssociation(target).Enqueue(new OutboundFrame(buffer, total), kind == FrameKind.SystemMessage);
    }

    private SendOutcome SendObject(NodeAddress target, FrameKind kind, string recipientPath, string? senderPath, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var serializer = _serializer ?? throw new InvalidOperationException("This transport was created without an IRemotePayloadSerializer.");
        var manifest = serializer.GetManifest(message);
        FrameCodec.ValidateMessageStrings(recipientPath, senderPath, manifest);
        if (Rejected(target) is { } rejected) return rejected;
        var headerSize = FrameCodec.MaxMessageHeaderSize(recipientPath, senderPath, manifest);
        var writer = FrameBufferWriter.Rent(headerSize + 256);
        try
        {
            writer.Advance(FrameCodec.WriteMessageHeader(writer.GetSpan(headerSize), kind, recipientPath, senderPath, manifest));
            serializer.Serialize(message, writer);
        }
        catch
        {
            writer.Discard();
            throw;
        }
        var total = writer.WrittenCount;
        if (total - FrameCodec.LengthPrefixSize > Settings.MaxFrameSize)
        {
            writer.Discard();
            return Oversized(target, recipientPath, manifest, total - FrameCodec.LengthPrefixSize);
        }
        FrameCodec.WriteLengthPrefix(writer.WrittenSpan, total);
        return GetOrCreateAssociation(target).Enqueue(new OutboundFrame(writer.Detach(), total), kind == FrameKind.SystemMessage);
    }

    private SendOutcome? Rejected(NodeAddress target)
    {
        if (_shuttingDown) return SendOutcome.RejectedShutdown;
        if (target == LocalAddress.Address) return SendOutcome.RejectedSelf;
        return null;
    }

    private SendOutcome Oversized(NodeAddress target, string recipient, string manifest, long frameSize)
    {
        Interlocked.Increment(ref Counters.droppedOversized);
        _oversizedLog.Write(null, "Discarding message to {Recipient} with manifest {Manifest}: frame exceeds maximum-frame-size ({Count} since the last line)",
            $"{target}{recipient} ({frameSize} bytes > {Settings.MaxFrameSize})", manifest);
        return SendOutcome.RejectedOversized;
    }

    /// <summary>Connects to <paramref name="target"/> now (rather than on the first send), e.g. for failure detection.</summary>
    public void Associate(NodeAddress target)
    {
        if (Rejected(target) is not null) return;
        GetOrCreateAssociation(target).EnsureConnecting();
    }

    /// <summary>
    /// Drops the association with <paramref name="target"/> (membership calls this when a node is removed): flushes what
    /// can be written within shutdown-flush-timeout, closes with a close frame, stops reconnecting and discards the rest.
    /// A later send or inbound connection starts a fresh association.
    /// </summary>
    public async Task ForgetAsync(NodeAddress target)
    {
        Association? association;
        lock (_associationsGate)
        {
            if (!_associations.TryRemove(target, out association)) return;
        }
        association.BeginShutdown();
        try
        {
            await association.WriterCompletion.WaitAsync(Settings.ShutdownFlushTimeout, Time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.Warning("Forgetting {Remote}: queued messages were not written within {Timeout}", target, Settings.ShutdownFlushTimeout);
        }
        association.Abort("association forgotten");
        association.DiscardQueued();
    }

    /// <summary>Messages waiting in <paramref name="target"/>'s queues (0 if there is no association).</summary>
    public int QueuedMessages(NodeAddress target) => _associations.TryGetValue(target, out var a) ? a.QueuedMessages : 0;

    public AssociationDiagnostics? GetAssociation(NodeAddress target) =>
        _associations.TryGetValue(target, out var a) ? a.Diagnostics() : null;

    public IReadOnlyList<AssociationDiagnostics> GetAssociations() => _associations.Values.Select(a => a.Diagnostics()).ToList();

    /// <summary>Subscribes to association events; they arrive in order on one background task.</summary>
    public IDisposable Subscribe(IObserver<RemotingEvent> observer) => _events.Subscribe(observer);

    public IDisposable Subscribe(Action<RemotingEvent> onEvent) => _events.Subscribe(new ActionObserver(onEvent));

    internal void Publish(RemotingEvent evt) => _events.Publish(evt);

    private Association GetOrCreateAssociation(NodeAddress target)
    {
        if (_associations.TryGetValue(target, out var association)) return association;
        lock (_associationsGate)
        {
            if (_associations.TryGetValue(target, out association)) return association;
            association = new Association(this, target);
            _associations[target] = association;
            if (_shuttingDown) association.BeginShutdown();
            return association;
        }
    }

    private void OnHeartbeatTick()
    {
        var now = Time.GetTimestamp();
        foreach (var association in _associations.Values) association.OnHeartbeatTick(now);
    }

    private static bool IsWildcard(string host) => host is "0.0.0.0" or "::" or "*";

    private static IPAddress ResolveBindAddress(string host)
    {
        if (host == "*") return IPAddress.Any;
        if (IPAddress.TryParse(host, out var address)) return address;
        var addresses = Dns.GetHostAddresses(host);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"uc.remote.bind-hostname '{host}' does not resolve to an address.");
    }

    private sealed class ActionObserver(Action<RemotingEvent> onEvent) : IObserver<RemotingEvent>
    {
        public void OnCompleted() { }
        public void OnError(Exception error) { }
        public void OnNext(RemotingEvent value) => onEvent(value);
    }
}
