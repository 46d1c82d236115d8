using Cluster.Actors.Users;
using Cluster.Edges.Sip.Auth;
using Cluster.Edges.Sip.Messaging;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Presence;
using Cluster.Edges.Sip.Registrar;
using Cluster.Edges.Sip.Transactions;
using Cluster.Edges.Sip.Transport;
using Serilog;

namespace Cluster.Edges.Sip.Core;

/// <summary>
/// The SIP edge of one node: owns the transports and the transaction layer, checks every new request the way a UAS
/// core must (RFC 3261 §8.2) and hands it to the registrar, presence or messaging handler by method, or to the call
/// hook (<see cref="ISipCallHandler"/>). It is also the node's <see cref="IEdgeEffectSink"/> for the endpoints it owns:
/// SUBSCRIBE dialogs and SIP bindings whose <c>EdgeEndpoint.NodeId</c> is this node's id, so a user entity living on
/// any node reaches a device through the node that holds its flow.
/// </summary>
public sealed class SipEdge : ISipTransactionUser, IEdgeEffectSink, IAsyncDisposable
{
    /// <summary>Option tags the edge implements (RFC 5626 outbound, RFC 3327 path); others in Require get 420.</summary>
    public static readonly IReadOnlyList<string> SupportedExtensions = ["outbound", "path"];

    private static readonly string[] CoreMethods = ["REGISTER", "SUBSCRIBE", "NOTIFY", "PUBLISH", "MESSAGE", "OPTIONS"];

    private readonly SipMergedRequestDetector merged;
    private readonly ILogger log;
    private ISipCallHandler calls = NotImplementedCallHandler.Instance;

    /// <param name="nodeId">This node's id as entities know it (the <c>NodeId</c> of every endpoint the edge creates).</param>
    /// <param name="settings">The <c>uc.sip</c> settings.</param>
    /// <param name="users">Where user entities live.</param>
    /// <param name="time">Clock for transactions, nonces and expiries.</param>
    /// <param name="logger">Serilog logger; the global one when null.</param>
    public SipEdge(string nodeId, SipEdgeSettings settings, IUserGateway users, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        ArgumentNullException.ThrowIfNull(users);
        settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validate();
        time ??= TimeProvider.System;
        log = (logger ?? Serilog.Log.Logger).ForContext<SipEdge>().ForContext("Node", nodeId);
        Transport = new SipTransportLayer(settings.Transport, time, logger);
        Transactions = new SipTransactionLayer(Transport, this, settings.Transport.Timers, settings.Transport.MaxTransactions, time, logger,
            settings.Transport.ParserOptions);
        var authenticator = new SipRequestAuthenticator(new SipDigestAuthenticator(settings.Digest, time), users, log, settings.DigestAlgorithms);
        Context = new SipEdgeContext(nodeId, settings, users, Transport, Transactions, authenticator, Counters, time, log);
        merged = new SipMergedRequestDetector(settings.Transport.MaxTransactions, settings.Transport.Timers.Timeout64T1, time);
        Registrar = new SipRegistrar(Context);
        Presence = new SipPresenceService(Context);
        Messaging = new SipMessageService(Context);
    }

    public string NodeId => Context.NodeId;

    public SipTransportLayer Transport { get; }

    public SipTransactionLayer Transactions { get; }

    public SipEdgeContext Context { get; }

    public SipEdgeCounters Counters { get; } = new();

    public SipRegistrar Registrar { get; }

    public SipPresenceService Presence { get; }

    public SipMessageService Messaging { get; }

    /// <summary>The call hook; replace it before <see cref="Start"/> (defaults to 501 for every call method).</summary>
    public ISipCallHandler Calls
    {
        get => Volatile.Read(ref calls);
        set => Volatile.Write(ref calls, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>The Allow header value: the methods the edge and the call hook implement.</summary>
    public string Allow => string.Join(", ", CoreMethods.Concat(Calls.SupportedMethods).Distinct(StringComparer.Ordinal));

    /// <summary>Binds the listeners and starts taking requests.</summary>
    public void Start() => Transport.Start(Transactions.OnInbound);

    public ValueTask DisposeAsync() => Transport.DisposeAsync();

    void ISipTransactionUser.OnRequest(SipServerTransaction transaction, SipInboundMessage request)
    {
        Counters.RecordRequest();
        var message = request.Message;
        if (Refuse(transaction, message) is { } refusal)
        {
            Counters.RecordRefused();
            log.Debug("{Method} from {Flow} refused: {Refusal}", message.MethodText, request.Flow, refusal);
            return;
        }

        switch (message.Method)
        {
            case SipMethod.Register:
                Run(transaction, () => Registrar.HandleAsync(transaction));
                break;
            case SipMethod.Subscribe:
                Run(transaction, () => Presence.HandleSubscribeAsync(transaction));
                break;
            case SipMethod.Publish:
                Run(transaction, () => Presence.HandlePublishAsync(transaction));
                break;
            case SipMethod.Notify:
                // RFC 6665 §4.1.3: the edge holds no subscriptions of its own, so any NOTIFY is for a dialog it does not know.
                transaction.Respond(481, "Subscription Does Not Exist");
                break;
            case SipMethod.Message:
                Run(transaction, () => Messaging.HandleAsync(transaction));
                break;
            case SipMethod.Options:
                // RFC 3261 §11.2: the capabilities of this server.
                transaction.Respond(200, "OK", b => b
                    .AddHeader("Allow", Allow)
                    .AddHeader("Accept", "application/sdp, application/pidf+xml, text/plain, text/html, application/im-iscomposing+xml")
                    .AddHeader("Supported", string.Join(", ", SupportedExtensions))
                    .AddHeader("Allow-Events", "presence"));
                break;
            default:
                Calls.OnRequest(transaction, request);
                break;
        }
    }

    /// <summary>The RFC 3261 §8.2 checks in order; answers and returns why when the request goes no further.</summary>
    private string? Refuse(SipServerTransaction transaction, SipMessage message)
    {
        // RFC 3261 §16.3 item 3 / §8.2: Max-Forwards 0 means the request must go no further; OPTIONS may still be answered (§11).
        if (!message.TryGetMaxForwards(out var maxForwards))
            return Respond(transaction, 400, "Bad Request (malformed Max-Forwards)");
        if (maxForwards == 0 && message.Method != SipMethod.Options)
            return Respond(transaction, 483, "Too Many Hops");

        // RFC 3261 §8.2.1: a method the edge does not know is answered 405 with the Allow list.
        if (message.Method == SipMethod.Extension)
            return Respond(transaction, 405, "Method Not Allowed", b => b.AddHeader("Allow", Allow));

        // RFC 3261 §8.2.2.1: only sip and sips Request-URIs are served.
        if (message.RequestUri is not { IsSip: true })
            return Respond(transaction, 416, "Unsupported URI Scheme");

        // RFC 3261 §16.3 item 4 (loop): a Via below the top naming our own sent-by means the request passed here before.
        for (var i = 1; i < message.ViaCount; i++)
        {
            var via = message.Vias[i];
            if (IsOwnSentBy(via.Host, via.Port, via.Transport))
                return Respond(transaction, 482, "Loop Detected");
        }

        // RFC 3261 §8.2.2.2: the same request arriving over two paths (merged requests).
        if (message.ToTag is null && message.FromTag is { } fromTag
            && merged.IsMerged(fromTag, message.CallId, message.CSeq.Number, message.MethodText, message.TopVia.Branch ?? ""))
            return Respond(transaction, 482, "Loop Detected");

        // RFC 3261 §8.2.2.3: extensions the client requires and we lack; never for CANCEL/ACK (handled by the layer).
        var unsupported = message.GetListValues(SipHeaderKind.Require)
            .Where(tag => !SupportedExtensions.Contains(tag.Trim(), StringComparer.OrdinalIgnoreCase)).Select(t => t.Trim()).ToList();
        if (unsupported.Count > 0)
            return Respond(transaction, 420, "Bad Extension", b => b.AddHeader("Unsupported", string.Join(", ", unsupported)));
        return null;
    }

    private bool IsOwnSentBy(string host, int? port, string transportToken)
    {
        if (!SipTransportKinds.TryParseViaToken(transportToken, out var kind)) return false;
        try
        {
            return string.Equals(Transport.GetSentBy(kind), $"{host}:{port ?? kind.DefaultPort()}", StringComparison.OrdinalIgnoreCase);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Respond(SipServerTransaction transaction, int status, string reason, Action<SipMessageBuilder>? amend = null)
    {
        transaction.Respond(status, reason, amend);
        return $"{status} {reason}";
    }

    /// <summary>Runs an async handler without blocking the dispatch thread; a failure is answered 500 (503 when the entity did not answer in time).</summary>
    private void Run(SipServerTransaction transaction, Func<Task> handler)
    {
        _ = RunAsync();

        async Task RunAsync()
        {
            try
            {
                await handler().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Counters.RecordFault();
                var unavailable = ex is TimeoutException or OperationCanceledException;
                log.Warning(ex, "{Method} {CallId} failed", transaction.Request.MethodText, transaction.Request.CallId);
                transaction.Respond(unavailable ? 503 : 500, unavailable ? "Service Unavailable" : "Server Internal Error",
                    unavailable ? b => b.AddHeader("Retry-After", "5") : null);
            }
        }
    }

    void ISipTransactionUser.OnAck(SipInboundMessage ack, SipServerTransaction? inviteTransaction) => Calls.OnAck(ack, inviteTransaction);

    void ISipTransactionUser.OnCancel(SipServerTransaction inviteTransaction, SipInboundMessage cancel) => Calls.OnCancel(inviteTransaction, cancel);

    void ISipTransactionUser.OnUnmatchedResponse(SipInboundMessage response) =>
        log.Debug("Unmatched response {Status} for {CallId}", response.Message.StatusCode, response.Message.CallId);

    void ISipTransactionUser.OnServerTransactionFailed(SipServerTransaction transaction, SipTransactionFailure failure) =>
        log.Information("Server transaction {Method} {CallId} failed: {Failure}", transaction.Request.MethodText, transaction.Request.CallId, failure);

    /// <inheritdoc />
    public bool TryNotify(NotifyWatcher notify) =>
        notify.Watcher.NodeId == NodeId && Presence.TryNotify(notify);

    /// <inheritdoc />
    public bool TryDeliver(ChatMessage message, DeliveryTarget target) =>
        target.Kind == DeviceKind.Sip && target.Edge.NodeId == NodeId && Messaging.TryDeliver(message, target);
}
