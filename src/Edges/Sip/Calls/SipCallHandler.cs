using System.Collections.Concurrent;
using Cluster.Actors.Calls;
using Cluster.Actors.Calls.Entity;
using Cluster.Edges.Sip.Core;
using Cluster.Edges.Sip.Transactions;
using Cluster.Edges.Sip.Transport;
using Serilog;
using CallMethod = Cluster.Actors.Calls.SipMethod;
using WireMethod = Cluster.Edges.Sip.Parsing.SipMethod;

namespace Cluster.Edges.Sip.Calls;

/// <summary>
/// The SIP side of calls on one node: turns INVITE/ACK/BYE/CANCEL/re-INVITE/UPDATE/REFER and the responses to the
/// requests it sends into commands for the call entity (wherever it lives, through <see cref="ICallGateway"/>), and is
/// the node's <see cref="ICallEffectSink"/> for legs whose flow this node holds: it sends the INVITEs, ACKs, CANCELs,
/// BYEs, re-INVITEs, UPDATEs, NOTIFYs and responses the entity decides. It keeps no call state beyond the SIP
/// transactions in flight (see docs/protocols/sip-calls.md).
/// </summary>
/// <remarks>
/// Routing: the A-leg's Call-ID is the call id; an outgoing leg's Call-ID is <c>{legId}~{callId}</c>
/// (<see cref="CallLegIds"/>), so any node routes a request or response of any leg to its entity without a table.
/// Every command carries an id derived from the SIP transaction, so a retransmission the transaction layer lets
/// through is answered by the entity once.
/// </remarks>
public sealed partial class SipCallHandler : ISipCallHandler, ICallEffectSink
{
    private static readonly IReadOnlyList<string> Methods = ["INVITE", "ACK", "BYE", "CANCEL", "UPDATE", "REFER"];

    private readonly SipEdgeContext context;
    private readonly ICallGateway calls;
    private readonly IReadOnlyList<string> localDomains;
    private readonly ILogger log;

    /// <summary>Server transactions the entity may still answer, by the transaction key given to it.</summary>
    private readonly ConcurrentDictionary<string, SipServerTransaction> serverTransactions = new(StringComparer.Ordinal);

    /// <summary>Our INVITE client transactions still without a final response, by (call id, leg id), for CANCEL.</summary>
    private readonly ConcurrentDictionary<(string CallId, string LegId), SipClientTransaction> invites = new();

    /// <summary>The ACK we sent for a 2xx, by (Call-ID, CSeq), to repeat for 2xx retransmissions (RFC 3261 §13.2.2.4).</summary>
    private readonly ConcurrentDictionary<(string SipCallId, long CSeq), SentAck> acks = new();

    /// <param name="edge">The node's SIP edge (transports, transactions, digest authentication).</param>
    /// <param name="calls">Where call entities live.</param>
    /// <param name="localDomains">Domains whose users may be called (<c>uc.calls.local-domains</c>); empty = the caller's own domain.</param>
    public SipCallHandler(SipEdge edge, ICallGateway calls, IReadOnlyList<string> localDomains)
    {
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(localDomains);
        context = edge.Context;
        this.calls = calls;
        this.localDomains = [.. localDomains.Select(d => d.Trim().ToLowerInvariant())];
        log = context.Log.ForContext<SipCallHandler>();
    }

    /// <summary>
    /// Creates the handler for <paramref name="edge"/>, installs it as the edge's call hook and registers it as this
    /// node's call effect sink. Dispose the result to unregister the sink (the edge keeps the hook until it stops).
    /// </summary>
    public static IDisposable Attach(SipEdge edge, CallsModule module, out SipCallHandler handler)
    {
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(module);
        handler = new SipCallHandler(edge, module.Gateway, module.Settings.LocalDomains);
        edge.Calls = handler;
        return module.RegisterSink(handler);
    }

    public IReadOnlyList<string> SupportedMethods => Methods;

    /// <summary>Server transactions waiting for the entity's response (for tests and diagnostics).</summary>
    public int PendingServerTransactions => serverTransactions.Count;

    public void OnRequest(SipServerTransaction transaction, SipInboundMessage request)
    {
        var message = request.Message;
        var inDialog = message.ToTag is not null;
        switch (message.Method)
        {
            case WireMethod.Invite when !inDialog:
                Run(transaction, () => StartCallAsync(transaction));
                break;
            case WireMethod.Invite:
            case WireMethod.Bye:
            case WireMethod.Update:
            case WireMethod.Refer:
                if (!inDialog)
                {
                    // RFC 3261 §12.2.2 / §15.1.2: a BYE (or UPDATE, REFER) outside a dialog we know.
                    transaction.Respond(481, "Call/Transaction Does Not Exist");
                    return;
                }

                Run(transaction, () => InDialogAsync(transaction));
                break;
            default:
                // PRACK (no reliable provisionals are sent), INFO and the rest: RFC 3261 §8.2.1.
                transaction.Respond(501, "Not Implemented");
                break;
        }
    }

    public void OnAck(SipInboundMessage ack, SipServerTransaction? inviteTransaction)
    {
        var message = ack.Message;
        var (callId, legId) = Route(message.CallId);
        var command = new ReceiveAck(legId, message.CSeq.Number, SipCallHeaders.Sdp(message)) { CommandId = $"ack/{message.CallId}/{message.CSeq.Number}" };
        Tell(callId, command);
    }

    public void OnCancel(SipServerTransaction inviteTransaction, SipInboundMessage cancel)
    {
        var (callId, legId) = Route(cancel.Message.CallId);
        // The layer answered the CANCEL and answers the INVITE with 487; the entity ends the ringing (and its 487 is a no-op).
        Tell(callId, new ReceiveCancel(legId) { CommandId = $"cancel/{KeyOf(inviteTransaction)}" });
    }

    /// <summary>The call id and leg a Call-ID names: an outgoing leg's own, or the caller's leg of the call with that id.</summary>
    internal static (string CallId, string LegId) Route(string sipCallId) =>
        CallLegIds.TryParse(sipCallId, out var callId, out var legId) ? (callId, legId) : (sipCallId, CallLeg.CallerLegId);

    /// <summary>The key the entity names a server transaction by (and the command id of the request it reported).</summary>
    internal static string KeyOf(SipServerTransaction transaction) =>
        $"{transaction.Request.CSeq.MethodToken}/{transaction.Branch}/{transaction.Request.TopVia.Host}:{transaction.Request.TopVia.Port}";

    private static CallMethod? CallMethodOf(WireMethod method) => method switch
    {
        WireMethod.Invite => CallMethod.Invite,
        WireMethod.Ack => CallMethod.Ack,
        WireMethod.Cancel => CallMethod.Cancel,
        WireMethod.Bye => CallMethod.Bye,
        WireMethod.Update => CallMethod.Update,
        WireMethod.Refer => CallMethod.Refer,
        WireMethod.Notify => CallMethod.Notify,
        _ => null,
    };

    /// <summary>Sends a command that answers no request (ACK, CANCEL, a response); failures and refusals are logged.</summary>
    private void Tell(string callId, ICallCommand command) =>
        _ = TellAsync(callId, command);

    private async Task TellAsync(string callId, ICallCommand command)
    {
        try
        {
            var reply = await calls.SendAsync(callId, command).ConfigureAwait(false);
            if (reply is CallRejected rejected)
            {
                log.Debug("Call {CallId} refused {Command}: {Code} {Reason}", callId, command.GetType().Name, rejected.Code, rejected.Reason);
            }
        }
        catch (CallGatewayException e)
        {
            log.Warning(e, "Call {CallId}: {Command} got no answer: {Reason}", callId, command.GetType().Name, e.Message);
        }
    }

    /// <summary>Runs a request handler off the dispatch thread; a fault is answered 500 and forgotten.</summary>
    private void Run(SipServerTransaction transaction, Func<Task> handler)
    {
        _ = RunAsync();

        async Task RunAsync()
        {
            try
            {
                await handler().ConfigureAwait(false);
            }
            catch (CallGatewayException e)
            {
                serverTransactions.TryRemove(KeyOf(transaction), out _);
                log.Warning(e, "{Method} for call {CallId} got no answer from the call", transaction.Request.MethodText, e.CallId);
                transaction.Respond(e.SipStatus, SipResponse.ReasonFor(e.SipStatus) is var reason && reason != "Error" ? reason : "Server Time-out",
                    e.IsTransient ? b => b.AddHeader("Retry-After", "5") : null);
            }
            catch (Exception e)
            {
                serverTransactions.TryRemove(KeyOf(transaction), out _);
                context.Counters.RecordFault();
                log.Warning(e, "{Method} {CallId} failed", transaction.Request.MethodText, transaction.Request.CallId);
                transaction.Respond(500, "Server Internal Error");
            }
        }
    }

    /// <summary>A response (or failure) of a request a leg sent, for its call.</summary>
    internal void Report(string callId, ReceiveResponse response) => Tell(callId, response);

    /// <summary>The leg's INVITE got its final response: nothing is left to cancel.</summary>
    internal void ForgetInvite(string callId, string legId, SipClientTransaction transaction) =>
        invites.TryRemove(new KeyValuePair<(string, string), SipClientTransaction>((callId, legId), transaction));

    /// <summary>An ACK we sent for a 2xx, kept to answer retransmissions of that 2xx.</summary>
    private sealed record SentAck(SipDestination Destination, Parsing.SipMessage Ack);
}
