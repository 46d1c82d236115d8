using System.Buffers;
using Cluster.Runtime.Kernel;
using Serilog;
using Serilog.Events;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// The provider of a remote-enabled system (Akka's RemoteActorRefProvider): the local hierarchy of
/// <see cref="LocalActorRefProvider"/> under a network address (<c>uc://uc@host:4053</c>), plus
/// <list type="bullet">
/// <item>resolution of paths of other nodes to <see cref="RemoteActorRef"/>s,</item>
/// <item>the outbound side of those references: user messages through the serializer onto the transport's user queue,
/// watch/unwatch/death-watch notifications/stop as small system frames on its priority queue,</item>
/// <item>the inbound side (<see cref="IInboundHandler"/>): deserialize, resolve the recipient by path (uid checked),
/// deliver with the sender as a reference; unknown recipients go to dead letters with a log line.</item>
/// </list>
/// System frames have no JSON payload: recipient and sender paths say who watches whom.
/// </summary>
internal sealed class RemoteActorRefProvider : LocalActorRefProvider, IInboundHandler
{
    internal const string WatchManifest = "uc.sys.watch";
    internal const string UnwatchManifest = "uc.sys.unwatch";
    internal const string DeathWatchNotificationManifest = "uc.sys.death-watch-notification";
    internal const string TerminateManifest = "uc.sys.terminate";

    private const byte ExistenceConfirmedFlag = 1;
    private const byte AddressTerminatedFlag = 2;

    private readonly ResolvedRefCache recipients;
    private readonly ResolvedRefCache senders;
    private readonly RateLimitedLog unregisteredLog;
    private readonly RateLimitedLog sendFailureLog;
    private readonly RateLimitedLog inboundFailureLog;

    public RemoteActorRefProvider(ActorSystem system, Address address, RemoteTransport transport, RemoteMessageSerializer serializer,
        RemoteActorSettings settings)
        : base(system, address)
    {
        Transport = transport;
        Serializer = serializer;
        Settings = settings;
        Log = system.Log.ForContext<RemoteActorRefProvider>();
        var time = system.Settings.TimeProvider;
        var interval = settings.Transport.LogRateLimit;
        unregisteredLog = new RateLimitedLog(Log, LogEventLevel.Error, interval, time);
        sendFailureLog = new RateLimitedLog(Log, LogEventLevel.Warning, interval, time);
        inboundFailureLog = new RateLimitedLog(Log, LogEventLevel.Warning, interval, time);
        recipients = new ResolvedRefCache(settings.ResolveCacheSize);
        senders = new ResolvedRefCache(settings.ResolveCacheSize);
        Watcher = new RemoteWatcher(this, settings.AddressTerminatedAfter, time);
        BuiltInMessageConverters.Register(serializer.Registry, this);
        settings.RegisterMessages?.Invoke(serializer.Registry);
    }

    public RemoteTransport Transport { get; }
    public RemoteMessageSerializer Serializer { get; }
    public RemoteActorSettings Settings { get; }
    public RemoteWatcher Watcher { get; }
    public RemoteActorCounters Counters { get; } = new();
    public ILogger Log { get; }

    /// <summary>The actor address of the node the transport knows as <paramref name="node"/>.</summary>
    public Address ToAddress(NodeAddress node) => new(Address.DefaultProtocol, RootPath.Address.System, node.Host, node.Port);

    /// <summary>The transport address of <paramref name="address"/>, or null when it cannot be reached over remoting.</summary>
    public NodeAddress? ToNodeAddress(Address address)
    {
        if (address.Host is null || address.Port is not (> 0 and var port) || address.Protocol != Address.DefaultProtocol) return null;
        return new NodeAddress(address.Host, port);
    }

    protected override IActorRef ResolveNonLocal(ActorPath path)
    {
        // Only nodes of this cluster are reachable: the handshake refuses another system name.
        if (ToNodeAddress(path.Address) is not { } node || path.Address.System != RootPath.Address.System)
            return new EmptyLocalActorRef(System, path);
        return new RemoteActorRef(this, path, node);
    }

    /// <summary>What an <see cref="IActorRef"/> inside a message or as a sender is written as; null for no reference.</summary>
    public string? SerializedPathOf(IActorRef? actor) => actor switch
    {
        null => null,
        Nobody => null,
        _ => actor.Path.ToSerializationFormat(),
    };

    /// <summary>A full serialized path (from a frame's sender or a message field) as a reference.</summary>
    public IActorRef ResolveSerializedRef(string path) => senders.GetOrResolve(path, ResolveActorRef);

    private InternalActorRef ResolveRecipient(string wirePath)
    {
        // Temporary ask references are resolved once each: caching them would only churn the cache.
        var resolved = wirePath.StartsWith("/temp/", StringComparison.Ordinal)
            ? ResolveActorRef(wirePath)
            : recipients.GetOrResolve(wirePath, ResolveActorRef);
        return (InternalActorRef)resolved;
    }

    // ---- outbound ----

    public void SendUserMessage(RemoteActorRef target, object message, IActorRef? sender)
    {
        SendOutcome outcome;
        try
        {
            outcome = Transport.Send(target.Node, target.WirePath, SerializedPathOf(sender), message);
        }
        catch (UnregisteredMessageTypeException ex)
        {
            Interlocked.Increment(ref Counters.unregisteredMessageTypes);
            unregisteredLog.Write(null, "Cannot send {MessageType} to {Recipient}: the type has no manifest; register it on every node " +
                "with RemoteActorSettings.RegisterMessages ({Count} since the last line)", ex.MessageType.FullName, target.Path.ToString());
            System.DeadLetterRef.Deliver(message, sender, target);
            return;
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref Counters.serializationFailures);
            unregisteredLog.Write(ex, "Cannot serialize {MessageType} for {Recipient} ({Count} since the last line)",
                message.GetType().FullName, target.Path.ToString());
            System.DeadLetterRef.Deliver(message, sender, target);
            return;
        }
        if (outcome == SendOutcome.Enqueued)
        {
            Interlocked.Increment(ref Counters.messagesSent);
            return;
        }
        Interlocked.Increment(ref Counters.sendsNotEnqueued);
        sendFailureLog.Write(null, "Message to {Recipient} not sent: {Outcome} ({Count} since the last line)", target.Path.ToString(), outcome);
        System.DeadLetterRef.Deliver(message, sender, target);
    }

    public void SendSystemMessage(RemoteActorRef target, SystemMessage message)
    {
        switch (message)
        {
            case Watch w:
                if (!Watcher.AddOutbound(target, w.Watcher))
                {
                    w.Watcher.SendSystemMessage(new DeathWatchNotification(target, existenceConfirmed: true, addressTerminated: true));
                    return;
                }
                SendSystemFrame(target, target.WirePath, SerializedPathOf(w.Watcher), WatchManifest, default);
                break;
            case Unwatch u:
                Watcher.RemoveOutbound(target, u.Watcher);
                SendSystemFrame(target, target.WirePath, SerializedPathOf(u.Watcher), UnwatchManifest, default);
                break;
            case DeathWatchNotification d:
                // target is a remote watcher of the local actor d.Actor, which stopped (or never existed).
                if (d.Actor is InternalActorRef local) Watcher.RemoveInbound(local, target);
                Span<byte> flags = [(byte)((d.ExistenceConfirmed ? ExistenceConfirmedFlag : 0) | (d.AddressTerminated ? AddressTerminatedFlag : 0))];
                SendSystemFrame(target, target.WirePath, SerializedPathOf(d.Actor), DeathWatchNotificationManifest, flags);
                break;
            case Terminate:
                SendSystemFrame(target, target.WirePath, null, TerminateManifest, default);
                break;
            default:
                // Remote supervision (create/suspend/resume/failed across nodes) is not supported: children live locally.
                Log.Debug("System message {Message} to remote {Recipient} ignored", message.GetType().Name, target.Path.ToString());
                break;
        }
    }

    private void SendSystemFrame(RemoteActorRef target, string recipient, string? sender, string manifest, ReadOnlySpan<byte> payload)
    {
        var outcome = Transport.SendSystem(target.Node, recipient, sender, manifest, payload);
        if (outcome != SendOutcome.Enqueued)
            sendFailureLog.Write(null, "System message {Manifest} not sent: {Outcome} ({Count} since the last line)", manifest, outcome);
    }

    // ---- inbound ----

    public void OnMessage(NodeAddress from, string recipientPath, string? senderPath, string manifest, ReadOnlySequence<byte> payload)
    {
        object message;
        try
        {
            message = Serializer.Deserialize(manifest, payload);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref Counters.deserializationFailures);
            inboundFailureLog.Write(null, "Dropped a message from {From}: {Reason} ({Count} since the last line)",
                from.ToString(), $"{ex.Message} (recipient {recipientPath})");
            return;
        }
        var sender = senderPath is null ? null : ResolveSerializedRef(senderPath);
        var recipient = ResolveRecipient(recipientPath);
        Interlocked.Increment(ref Counters.messagesReceived);
        if (recipient is EmptyLocalActorRef) Interlocked.Increment(ref Counters.unknownRecipients);
        if (message is ActorSelectionMessage selection && recipient is not EmptyLocalActorRef)
        {
            ActorSelection.Create(System, recipient, selection.Elements).Tell(selection.Message, sender);
            return;
        }
        // EmptyLocalActorRef answers Identify and dead-letters the rest (counted and logged there).
        recipient.Tell(message, sender);
    }

    public void OnSystemMessage(UniqueAddress from, string recipientPath, string? senderPath, string manifest, ReadOnlySequence<byte> payload)
    {
        switch (manifest)
        {
            case WatchManifest when RemoteSender(senderPath) is { } watcher:
            {
                var watchee = ResolveRecipient(recipientPath);
                Watcher.AddInbound(watchee, watcher);
                watchee.SendSystemMessage(new Watch(watchee, watcher));
                break;
            }
            case UnwatchManifest when RemoteSender(senderPath) is { } watcher:
            {
                var watchee = ResolveRecipient(recipientPath);
                Watcher.RemoveInbound(watchee, watcher);
                watchee.SendSystemMessage(new Unwatch(watchee, watcher));
                break;
            }
            case DeathWatchNotificationManifest when senderPath is not null && ActorPath.TryParse(senderPath, out var actorPath) && payload.Length == 1:
            {
                var flags = payload.FirstSpan[0];
                var watcher = ResolveRecipient(recipientPath);
                IActorRef subject = Watcher.TakeOutbound(actorPath, watcher) ?? ResolveSerializedRef(senderPath);
                watcher.SendSystemMessage(new DeathWatchNotification(subject,
                    (flags & ExistenceConfirmedFlag) != 0, (flags & AddressTerminatedFlag) != 0));
                break;
            }
            case TerminateManifest:
                ResolveRecipient(recipientPath).Stop();
                break;
            default:
                Interlocked.Increment(ref Counters.deserializationFailures);
                inboundFailureLog.Write(null, "Dropped a system message from {From} with manifest {Manifest} that is unknown or malformed ({Count} since the last line)",
                    from.ToString(), manifest);
                break;
        }
    }

    private RemoteActorRef? RemoteSender(string? senderPath) =>
        senderPath is null ? null : ResolveSerializedRef(senderPath) as RemoteActorRef;

    public void OnTransportEvent(RemotingEvent evt) => Watcher.OnTransportEvent(evt);

    internal override async Task OnHierarchyTerminatedAsync()
    {
        Watcher.Dispose();
        await Transport.ShutdownAsync().ConfigureAwait(false);
    }
}
