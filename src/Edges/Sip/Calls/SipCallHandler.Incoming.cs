using Cluster.Actors.Calls;
using Cluster.Actors.Common;
using Cluster.Edges.Sip.Core;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transactions;
using WireMethod = Cluster.Edges.Sip.Parsing.SipMethod;

namespace Cluster.Edges.Sip.Calls;

/// <summary>Requests from parties: a new call (INVITE outside a dialog) and requests inside a leg's dialog.</summary>
public sealed partial class SipCallHandler
{
    /// <summary>
    /// An INVITE outside any dialog: authenticate the caller (RFC 3261 §22, the same digest as REGISTER), check the
    /// callee is a user of a local domain, and start the call. The entity answers through <see cref="SendResponse"/>
    /// effects; a refusal is answered here.
    /// </summary>
    private async Task StartCallAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        if (CallLegIds.TryParse(request.CallId, out _, out _))
        {
            // A Call-ID of the form we give our own outgoing legs: our INVITE came back to us (RFC 3261 §16.3 item 4).
            transaction.Respond(482, "Loop Detected");
            return;
        }

        if (!SipAddresses.TryGetAddress(request.From.Uri, out var fromAddress, out var fromProblem))
        {
            transaction.Respond(403, "Forbidden");
            log.Information("INVITE {CallId} refused: the caller {Reason}", request.CallId, fromProblem);
            return;
        }

        if (SipCallHeaders.ContactUri(request) is not { } contact)
        {
            // RFC 3261 §8.1.1.8: a dialog-creating request must carry exactly one Contact.
            transaction.Respond(400, "Bad Request (missing Contact)");
            return;
        }

        if (request.FromTag is not { } fromTag)
        {
            transaction.Respond(400, "Bad Request (missing From tag)");
            return;
        }

        if (await context.Authenticator.AuthenticateAsync(transaction, fromAddress.Domain).ConfigureAwait(false) is not { } caller)
        {
            return;
        }

        if (caller != fromAddress)
        {
            log.Information("INVITE {CallId} from {From} by {User} refused: a user may call only as itself", request.CallId, fromAddress, caller);
            transaction.Respond(403, "Forbidden");
            return;
        }

        if (!SipAddresses.TryGetAddress(request.RequestUri, out var callee, out _) || !IsLocal(callee.Domain, caller.Domain))
        {
            // Only local users are called today: no route to other domains is configured for calls (sip-calls.md).
            transaction.Respond(404, "Not Found");
            return;
        }

        if (transaction is SipInviteServerTransaction { IsCancelled: true })
        {
            return; // cancelled while we authenticated: the layer answered 487 already
        }

        var key = KeyOf(transaction);
        var invite = new IncomingInvite(
            request.CallId,
            fromTag,
            transaction.LocalTag,
            SipCallHeaders.UriOf(request.To),
            SipCallHeaders.UriOf(request.From),
            contact,
            SipCallHeaders.RecordRoutes(request, reverse: false),
            request.CSeq.Number,
            context.FlowEndpoint(transaction.Flow),
            key,
            SipCallHeaders.Sdp(request),
            SipCallHeaders.SessionExpires(request),
            SipCallHeaders.MinSe(request),
            SipCallHeaders.Lists(request, SipHeaderKind.Supported, "timer") || SipCallHeaders.Lists(request, SipHeaderKind.Require, "timer"),
            SipCallHeaders.AllowsUpdate(request));
        var start = new StartCall(
            new CallParty(SipAddresses.ToSipUri(caller), request.From.DisplayName, caller),
            new CallParty(SipAddresses.ToSipUri(callee), request.To.DisplayName, callee),
            invite)
        {
            CommandId = key,
        };
        await AskAsync(transaction, request.CallId, start).ConfigureAwait(false);
    }

    /// <summary>BYE, re-INVITE, UPDATE or REFER inside a leg's dialog (RFC 3261 §12.2.2).</summary>
    private async Task InDialogAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        var (callId, legId) = Route(request.CallId);
        var key = KeyOf(transaction);
        var cseq = (long)request.CSeq.Number;
        ICallCommand command;
        switch (request.Method)
        {
            case WireMethod.Bye:
                command = new ReceiveBye(legId, cseq, key) { CommandId = key };
                break;
            case WireMethod.Invite:
                command = new ReceiveReinvite(legId, cseq, key, SipCallHeaders.Sdp(request), SipCallHeaders.SessionExpires(request), SipCallHeaders.MinSe(request))
                {
                    CommandId = key,
                };
                break;
            case WireMethod.Update:
                command = new ReceiveUpdate(legId, cseq, key, SipCallHeaders.Sdp(request), SipCallHeaders.SessionExpires(request), SipCallHeaders.MinSe(request))
                {
                    CommandId = key,
                };
                break;
            case WireMethod.Refer:
                if (request.GetHeaderValue(SipHeaderKind.ReferTo) is not { } referTo || !SipNameAddress.TryParse(referTo.Trim(), out var target) || target?.Uri is null)
                {
                    // RFC 3515 §2.4.1: exactly one Refer-To.
                    transaction.Respond(400, "Bad Request (missing or malformed Refer-To)");
                    return;
                }

                command = new ReceiveRefer(legId, cseq, key, target.Uri.ToString(), request.GetHeaderValue(SipHeaderKind.ReferredBy)) { CommandId = key };
                break;
            default:
                transaction.Respond(501, "Not Implemented");
                return;
        }

        await AskAsync(transaction, callId, command).ConfigureAwait(false);
    }

    /// <summary>Sends a request's command; the entity answers it by effect, or with a refusal that is answered here.</summary>
    private async Task AskAsync(SipServerTransaction transaction, string callId, ICallCommand command)
    {
        var key = KeyOf(transaction);
        serverTransactions[key] = transaction;
        var reply = await calls.SendAsync(callId, command).ConfigureAwait(false);
        if (reply is CallRejected rejected)
        {
            log.Debug("Call {CallId} refused {Method}: {Code} {Reason}", callId, transaction.Request.MethodText, rejected.Code, rejected.Reason);
            Respond(transaction, rejected.Response);
        }
    }

    private bool IsLocal(string domain, string callerDomain) =>
        localDomains.Count > 0 ? localDomains.Contains(domain, StringComparer.OrdinalIgnoreCase) : string.Equals(domain, callerDomain, StringComparison.OrdinalIgnoreCase);
}
