using System.Collections.Concurrent;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transport;
using Serilog;

namespace Cluster.Edges.Sip.Transactions;

/// <summary>
/// The transaction layer of RFC 3261 §17 for one node: a bounded table of client and server transactions, the
/// matching rules of §17.1.3 and §17.2.3 (with the RFC 2543 fallback), CANCEL handling (§9.2), and the hand-off of
/// everything that is not a transaction's business (ACK for 2xx, stray responses) to the TU. It sits between the
/// transports (<see cref="ISipSender"/> down, <see cref="OnInbound"/> up) and the core (<see cref="ISipTransactionUser"/>).
/// Thread-safe; all timers run on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class SipTransactionLayer
{
    private readonly ConcurrentDictionary<SipClientKey, SipClientTransaction> clients = new();
    private readonly ConcurrentDictionary<SipServerKey, SipServerTransaction> servers = new();
    private readonly ConcurrentDictionary<SipRfc2543Key, SipServerTransaction> fallback = new();
    private readonly ConcurrentDictionary<(string CallId, uint CSeq, string ToTag), Sip2xxRetransmitter> retransmitters = new();
    private readonly int maxTransactions;
    private int count;

    /// <param name="sender">The transports (or a fake in tests).</param>
    /// <param name="user">The core that receives requests, ACKs for 2xx, CANCELs and stray responses.</param>
    /// <param name="timers">T1/T2/T4; RFC 3261 defaults when null.</param>
    /// <param name="maxTransactions">Table bound; new requests beyond it get 503 (<c>uc.sip.max-transactions</c>).</param>
    /// <param name="time">Clock for every timer; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Serilog logger; the global one when null.</param>
    /// <param name="parserOptions">Limits used when materializing built messages.</param>
    public SipTransactionLayer(ISipSender sender, ISipTransactionUser user, SipTimerSettings? timers = null, int maxTransactions = 100_000,
        TimeProvider? time = null, ILogger? logger = null, SipParserOptions? parserOptions = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTransactions, 1);
        Sender = sender ?? throw new ArgumentNullException(nameof(sender));
        User = user ?? throw new ArgumentNullException(nameof(user));
        Timers = (timers ?? SipTimerSettings.Default).Validate();
        this.maxTransactions = maxTransactions;
        Time = time ?? TimeProvider.System;
        Log = (logger ?? Serilog.Log.Logger).ForContext<SipTransactionLayer>();
        ParserOptions = parserOptions ?? SipParserOptions.Default;
    }

    public SipTimerSettings Timers { get; }

    public SipTransactionCounters Counters { get; } = new();

    /// <summary>Transactions in the table now.</summary>
    public int Count => Volatile.Read(ref count);

    internal ISipSender Sender { get; }

    internal ISipTransactionUser User { get; }

    internal TimeProvider Time { get; }

    internal ILogger Log { get; }

    internal SipParserOptions ParserOptions { get; }

    /// <summary>
    /// Adds the top Via for <paramref name="transport"/> (sent-by of that transport, a new magic-cookie branch,
    /// <c>rport</c> per RFC 3581 §3) to a copy of <paramref name="request"/> and returns the parsed result, ready for
    /// <see cref="StartClient"/>. The builder itself is unchanged, so one builder serves several fail-over targets.
    /// </summary>
    public SipMessage CreateRequest(SipMessageBuilder request, SipTransportKind transport)
    {
        var copy = request.Clone();
        copy.PrependHeader("Via", $"SIP/2.0/{transport.ViaToken()} {Sender.GetSentBy(transport)};branch={SipBranch.New()};rport");
        var message = SipRequestFactory.Materialize(copy, ParserOptions);
        if (!message.IsRequest) throw new ArgumentException("a client transaction sends requests", nameof(request));
        return message;
    }

    /// <summary>
    /// Starts a client transaction for <paramref name="request"/> (whose top Via carries an RFC 3261 branch) towards
    /// <paramref name="destination"/>. ACK is not a transaction (RFC 3261 §17.1.1.3): send it with <see cref="SendStateless"/>.
    /// Throws <see cref="InvalidOperationException"/> when the table is full or the branch is already in use.
    /// </summary>
    public SipClientTransaction StartClient(SipMessage request, SipDestination destination, ISipClientTransactionUser user)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(user);
        if (!request.IsRequest) throw new ArgumentException("a client transaction sends a request", nameof(request));
        if (request.Method == SipMethod.Ack) throw new ArgumentException("ACK is sent without a transaction (RFC 3261 §17.1.1.3)", nameof(request));
        var via = request.TopVia;
        if (!via.HasRfc3261Branch)
            throw new ArgumentException($"the top Via branch '{via.Branch}' lacks the magic cookie {SipVia.MagicCookie} (RFC 3261 §8.1.1.7)", nameof(request));
        if (!TryReserve())
            throw new InvalidOperationException($"the transaction table is full ({maxTransactions} transactions, uc.sip.max-transactions)");
        SipClientTransaction tx = request.Method == SipMethod.Invite
            ? new SipInviteClientTransaction(this, request, via.Branch!, destination, user)
            : new SipNonInviteClientTransaction(this, request, via.Branch!, destination, user);
        var key = new SipClientKey(via.Branch!, request.CSeq.MethodToken);
        tx.TableKey = key;
        if (!clients.TryAdd(key, tx))
        {
            Interlocked.Decrement(ref count);
            throw new InvalidOperationException($"a client transaction with branch {via.Branch} and method {request.MethodText} already exists");
        }
        Counters.RecordClient();
        tx.Start();
        return tx;
    }

    /// <summary>Sends a message outside any transaction (the ACK for a 2xx, RFC 3261 §13.2.2.4); transport errors throw.</summary>
    public ValueTask SendStateless(SipDestination destination, SipMessage message, CancellationToken cancellationToken = default) =>
        Sender.SendAsync(destination, message.Raw, cancellationToken);

    /// <summary>
    /// The UAS core's way to answer an INVITE with a 2xx (RFC 3261 §13.3.1.4): sends it through the transaction and
    /// retransmits it with T1 doubling up to T2 until the ACK arrives (the layer stops it when an ACK with the same
    /// Call-ID, CSeq number and To tag comes in) or 64*T1 passes, when <paramref name="onAckTimeout"/> runs (the UAS
    /// should then end the dialog with BYE). Returns null when the transaction no longer takes a 2xx.
    /// </summary>
    public Sip2xxRetransmitter? SendInvite2xx(SipServerTransaction inviteTransaction, SipMessage response, Action<Sip2xxRetransmitter>? onAckTimeout = null)
    {
        if (inviteTransaction is not SipInviteServerTransaction) throw new ArgumentException("2xx retransmission is for INVITE transactions", nameof(inviteTransaction));
        if (response.StatusCode is < 200 or >= 300) throw new ArgumentException($"expected a 2xx, got {response.StatusCode}", nameof(response));
        if (!inviteTransaction.SendResponse(response)) return null;
        var key = (response.CallId, response.CSeq.Number, response.ToTag ?? "");
        var retransmitter = new Sip2xxRetransmitter(this, inviteTransaction, response, r =>
        {
            retransmitters.TryRemove(new KeyValuePair<(string, uint, string), Sip2xxRetransmitter>(key, r));
            onAckTimeout?.Invoke(r);
        });
        retransmitters[key] = retransmitter;
        retransmitter.Start();
        return retransmitter;
    }

    /// <summary>Entry point for everything the transports receive. Never throws; faults are counted and logged.</summary>
    public void OnInbound(SipInboundMessage inbound)
    {
        try
        {
            if (inbound.Message.IsResponse) HandleResponse(inbound);
            else HandleRequest(inbound);
        }
        catch (Exception ex)
        {
            Counters.RecordFault();
            Log.Error(ex, "Transaction layer fault on {Message} from {Flow}", inbound.Message, inbound.Flow);
        }
    }

    private void HandleResponse(SipInboundMessage inbound)
    {
        var message = inbound.Message;
        // RFC 3261 §17.1.3: branch of the top Via plus the CSeq method.
        if (message.TopVia.Branch is { } branch && clients.TryGetValue(new SipClientKey(branch, message.CSeq.MethodToken), out var tx))
        {
            tx.OnResponse(inbound);
            return;
        }
        Counters.RecordUnmatched();
        Call(() => User.OnUnmatchedResponse(inbound));
    }

    private void HandleRequest(SipInboundMessage inbound)
    {
        var message = inbound.Message;
        if (message.Method == SipMethod.Ack)
        {
            var invite = FindServer(message, "INVITE") as SipInviteServerTransaction;
            if (invite is not null && invite.OnAck()) return; // ACK for a non-2xx: the transaction's business
            if (message.ToTag is { } toTag && retransmitters.TryRemove((message.CallId, message.CSeq.Number, toTag), out var retransmitter))
                retransmitter.Acknowledge();
            Call(() => User.OnAck(inbound, invite));
            return;
        }

        var existing = FindServer(message, message.MethodText);
        if (existing is not null)
        {
            existing.OnRetransmission(inbound);
            return;
        }
        if (!TryReserve())
        {
            Counters.RecordRejected();
            RejectStateless(inbound);
            return;
        }

        var via = message.TopVia;
        var branch = via.Branch ?? "";
        SipServerTransaction tx = message.Method == SipMethod.Invite
            ? new SipInviteServerTransaction(this, inbound, branch)
            : new SipNonInviteServerTransaction(this, inbound, branch);
        if (!AddServer(tx, message, out var winner))
        {
            Interlocked.Decrement(ref count);
            winner!.OnRetransmission(inbound); // the same request raced in twice
            return;
        }
        Counters.RecordServer();

        if (message.Method == SipMethod.Cancel)
        {
            // RFC 3261 §9.2: CANCEL matches the INVITE by the same rules, method aside.
            if (FindServer(message, "INVITE") is not SipInviteServerTransaction target)
            {
                tx.Respond(481, "Call/Transaction Does Not Exist");
                return;
            }
            tx.Respond(200, "OK");
            target.OnCancel(inbound);
            return;
        }
        if (tx is SipInviteServerTransaction inviteTx) inviteTx.Start();
        Call(() => User.OnRequest(tx, inbound));
    }

    private SipServerTransaction? FindServer(SipMessage request, string method)
    {
        var via = request.TopVia;
        if (via.HasRfc3261Branch)
            return servers.TryGetValue(new SipServerKey(via.Branch!, SentBy(via), method), out var tx) ? tx : null;
        if (request.Method != SipMethod.Ack)
            return fallback.TryGetValue(Rfc2543Key(request, method, request.ToTag), out var same) ? same : null;
        // RFC 3261 §17.2.3: an ACK's To tag equals the tag of the response the transaction sent. For a re-INVITE the
        // INVITE already carried it; for an initial INVITE the transaction was keyed without one.
        if (fallback.TryGetValue(Rfc2543Key(request, method, request.ToTag), out var reInvite)) return reInvite;
        return request.ToTag is { } tag && fallback.TryGetValue(Rfc2543Key(request, method, null), out var initial)
            && string.Equals(initial.LastResponse?.ToTag, tag, StringComparison.Ordinal) ? initial : null;
    }

    private bool AddServer(SipServerTransaction tx, SipMessage request, out SipServerTransaction? existing)
    {
        var via = request.TopVia;
        if (via.HasRfc3261Branch)
        {
            var key = new SipServerKey(via.Branch!, SentBy(via), request.MethodText);
            tx.TableKey = key;
            existing = servers.GetOrAdd(key, tx);
        }
        else
        {
            var key = Rfc2543Key(request, request.MethodText, request.ToTag);
            tx.FallbackKey = key;
            existing = fallback.GetOrAdd(key, tx);
        }
        return ReferenceEquals(existing, tx);
    }

    private static SipRfc2543Key Rfc2543Key(SipMessage request, string method, string? toTag) => new(
        request.RequestUri!.ToString(), toTag, request.FromTag, request.CallId, request.CSeq.Number, method, request.TopVia.Raw);

    private static string SentBy(SipVia via) => via.Port is { } port ? $"{via.Host.ToLowerInvariant()}:{port}" : via.Host.ToLowerInvariant();

    private void RejectStateless(SipInboundMessage inbound)
    {
        Log.Warning("Transaction table full ({Max}); answering {Request} from {Flow} with 503", maxTransactions, inbound.Message, inbound.Flow);
        try
        {
            var builder = SipMessageBuilder.CreateResponse(inbound.Message, 503, "Service Unavailable").AddHeader("Retry-After", "5");
            var pending = Sender.SendResponseAsync(inbound.Flow, inbound.Message.TopVia, builder.ToArray());
            if (!pending.IsCompletedSuccessfully) _ = pending.AsTask().ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }
        catch (SipTransportException ex)
        {
            Log.Debug("503 for {Request} not sent: {Error}", inbound.Message, ex.Message);
        }
    }

    internal void SendCancel(SipInviteClientTransaction invite)
    {
        try
        {
            var cancel = SipRequestFactory.Cancel(invite.Request, ParserOptions);
            StartClient(cancel, invite.Destination, CancelResponseSink.Instance);
        }
        catch (Exception ex)
        {
            Counters.RecordFault();
            Log.Error(ex, "CANCEL for {Request} could not be started", invite.Request);
        }
    }

    private bool TryReserve()
    {
        if (Interlocked.Increment(ref count) <= maxTransactions) return true;
        Interlocked.Decrement(ref count);
        return false;
    }

    internal void Remove(SipTransaction tx)
    {
        var removed = tx switch
        {
            SipClientTransaction c when tx.TableKey is SipClientKey k => clients.TryRemove(new KeyValuePair<SipClientKey, SipClientTransaction>(k, c)),
            SipServerTransaction s when tx.TableKey is SipServerKey k => servers.TryRemove(new KeyValuePair<SipServerKey, SipServerTransaction>(k, s)),
            SipServerTransaction s when tx.FallbackKey is SipRfc2543Key k => fallback.TryRemove(new KeyValuePair<SipRfc2543Key, SipServerTransaction>(k, s)),
            _ => false,
        };
        if (!removed) return;
        Interlocked.Decrement(ref count);
        Counters.RecordRemoved();
    }

    /// <summary>Runs a TU callback; an exception in it is a TU bug, counted and logged, never fatal to the layer.</summary>
    internal void Call(Action callback)
    {
        try
        {
            callback();
        }
        catch (Exception ex)
        {
            Counters.RecordFault();
            Log.Error(ex, "Transaction user callback failed");
        }
    }

    internal void ReportFault(SipTransaction tx, string where, Exception ex)
    {
        Counters.RecordFault();
        Log.Error(ex, "Fault in {Transaction} at {Where}", tx, where);
    }

    /// <summary>Responses to a CANCEL the layer sent are of no interest beyond logging (RFC 3261 §9.1).</summary>
    private sealed class CancelResponseSink : ISipClientTransactionUser
    {
        public static readonly CancelResponseSink Instance = new();

        public void OnResponse(SipClientTransaction transaction, SipInboundMessage response)
        {
        }

        public void OnTimeout(SipClientTransaction transaction)
        {
        }

        public void OnTransportError(SipClientTransaction transaction, SipTransportException error)
        {
        }
    }
}
