using System.Globalization;
using System.Text;
using Cluster.Actors.Calls;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transactions;
using Cluster.Edges.Sip.Transport;
using CallMethod = Cluster.Actors.Calls.SipMethod;
using WireMethod = Cluster.Edges.Sip.Parsing.SipMethod;

namespace Cluster.Edges.Sip.Calls;

/// <summary>The call effect sink: requests on legs this node's flows reach, and responses on its server transactions.</summary>
public sealed partial class SipCallHandler
{
    private const string AllowValue = "INVITE, ACK, BYE, CANCEL, UPDATE, REFER, OPTIONS";

    public bool TryCarryOut(ICallEffect effect)
    {
        switch (effect)
        {
            case SendInvite e when Owns(e.Leg):
                SendRequest(e.CallId, e.Leg, "INVITE", e.Leg.InviteCSeq, e.Sdp, b => AddInviteHeaders(b, e));
                return true;
            case SendReinvite e when Owns(e.Leg):
                SendRequest(e.CallId, e.Leg, "INVITE", e.CSeq, e.Sdp, b => AddSessionTimer(b, e.SessionExpires, null));
                return true;
            case SendUpdate e when Owns(e.Leg):
                SendRequest(e.CallId, e.Leg, "UPDATE", e.CSeq, e.Sdp, b => AddSessionTimer(b, e.SessionExpires, null));
                return true;
            case SendBye e when Owns(e.Leg):
                SendRequest(e.CallId, e.Leg, "BYE", e.CSeq, null, null);
                return true;
            case SendNotify e when Owns(e.Leg):
                SendNotify(e);
                return true;
            case SendAck e when Owns(e.Leg):
                SendAck(e);
                return true;
            case SendCancel e when Owns(e.Leg):
                if (invites.TryGetValue((e.CallId, e.Leg.LegId), out var invite) && invite is SipInviteClientTransaction pending)
                {
                    // RFC 3261 §9.1: the transaction sends the CANCEL once a provisional response arrived, never before.
                    pending.Cancel();
                }
                else
                {
                    log.Debug("Call {CallId}: no INVITE in flight on leg {LegId} to cancel", e.CallId, e.Leg.LegId);
                }

                return true;
            case SendResponse e when serverTransactions.TryGetValue(e.TransactionKey, out var transaction):
                Respond(transaction, e.Response);
                return true;
            default:
                return false;
        }
    }

    /// <summary>A leg is ours when its flow is on this node; a leg routed by URI (no flow) is sent from the call's node.</summary>
    private bool Owns(CallLeg leg) => leg.Flow is null || string.Equals(leg.Flow.NodeId, context.NodeId, StringComparison.Ordinal);

    /// <summary>
    /// A request inside (or creating) a leg's dialog, from the leg as the entity left it (RFC 3261 §12.2.1.1):
    /// Request-URI = remote target, Route = route set, From/To with our and the party's tags, the decided CSeq.
    /// Its responses come back to the entity as <see cref="ReceiveResponse"/>.
    /// </summary>
    private void SendRequest(string callId, CallLeg leg, string method, long cseq, string? sdp, Action<SipMessageBuilder>? amend)
    {
        if (!TryDestination(leg, out var destination, out var problem))
        {
            log.Information("Call {CallId}: {Method} on leg {LegId} cannot be sent: {Problem}", callId, method, leg.LegId, problem);
            Fail(callId, leg, method, cseq, 430, "Flow Failed");
            return;
        }

        var builder = DialogRequest(leg, method, cseq, destination.Transport, contact: method != "BYE");
        amend?.Invoke(builder);
        if (sdp is not null)
        {
            builder.SetBody("application/sdp", Encoding.UTF8.GetBytes(sdp));
        }

        try
        {
            var message = context.Transactions.CreateRequest(builder, destination.Transport);
            var user = new SipCallClientUser(this, callId, leg.LegId, method == "INVITE" && leg.Dialog.RemoteTag is null);
            var transaction = context.Transactions.StartClient(message, destination, user);
            if (user.TracksInvite)
            {
                invites[(callId, leg.LegId)] = transaction;
            }
        }
        catch (Exception e) when (e is SipTransportException or InvalidOperationException)
        {
            log.Information("Call {CallId}: {Method} on leg {LegId} failed to start: {Problem}", callId, method, leg.LegId, e.Message);
            Fail(callId, leg, method, cseq, 503, "Service Unavailable");
        }
    }

    private SipMessageBuilder DialogRequest(CallLeg leg, string method, long cseq, SipTransportKind transport, bool contact)
    {
        var dialog = leg.Dialog;
        var b = SipMessageBuilder.Request(method, dialog.RemoteTarget);
        foreach (var route in dialog.RouteSet)
        {
            b.AddHeader("Route", route);
        }

        b.AddHeader("Max-Forwards", "70");
        b.AddHeader("From", $"{NameAddr(dialog.LocalUri)};tag={dialog.LocalTag}");
        b.AddHeader("To", dialog.RemoteTag is null ? NameAddr(dialog.RemoteUri) : $"{NameAddr(dialog.RemoteUri)};tag={dialog.RemoteTag}");
        b.AddHeader("Call-ID", dialog.SipCallId);
        b.AddHeader("CSeq", $"{cseq.ToString(CultureInfo.InvariantCulture)} {method}");
        if (contact)
        {
            b.AddHeader("Contact", $"<{context.ContactUri(transport)}>");
        }

        if (method is "INVITE" or "UPDATE")
        {
            b.AddHeader("Allow", AllowValue);
            b.AddHeader("Supported", "timer");
        }

        return b;
    }

    private static string NameAddr(string uri) => uri.StartsWith('<') || uri.Contains('<', StringComparison.Ordinal) ? uri : $"<{uri}>";

    private static void AddInviteHeaders(SipMessageBuilder b, SendInvite e)
    {
        AddSessionTimer(b, e.SessionExpires, e.MinSe);
        if (e.Replaces is { } replaces) b.AddHeader("Replaces", replaces);
        if (e.ReferredBy is { } referredBy) b.AddHeader("Referred-By", referredBy);
        if (e.DivertedFrom is { } diverted)
        {
            // RFC 5806 (historic, widely deployed): who the call was for and why it came here.
            var reason = e.DiversionReason switch
            {
                Actors.Users.ForwardingKind.Busy => "user-busy",
                Actors.Users.ForwardingKind.NoAnswer => "no-answer",
                Actors.Users.ForwardingKind.Unreachable => "unavailable",
                _ => "unconditional",
            };
            b.AddHeader("Diversion", $"{NameAddr(diverted)};reason={reason}");
        }
    }

    private static void AddSessionTimer(SipMessageBuilder b, SessionExpires? sessionExpires, int? minSe)
    {
        if (sessionExpires is { } se) b.AddHeader("Session-Expires", se.ToString());
        if (minSe is { } min) b.AddHeader("Min-SE", min.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>NOTIFY for a REFER's implicit subscription (RFC 3515 §2.4.4, RFC 6665 §4.1.3).</summary>
    private void SendNotify(SendNotify e) =>
        SendRequest(e.CallId, e.Leg, "NOTIFY", e.CSeq, null, b =>
        {
            b.AddHeader("Event", "refer");
            b.AddHeader("Subscription-State", e.Terminated ? "terminated;reason=noresource" : "active;expires=60");
            b.SetBody("message/sipfrag;version=2.0", Encoding.UTF8.GetBytes(e.SipFrag));
        });

    /// <summary>The ACK for a 2xx is end to end and no transaction (RFC 3261 §13.2.2.4, §17.1.1.3): sent once, repeated per 2xx retransmission.</summary>
    private void SendAck(SendAck e)
    {
        if (!TryDestination(e.Leg, out var destination, out var problem))
        {
            log.Information("Call {CallId}: ACK on leg {LegId} cannot be sent: {Problem}", e.CallId, e.Leg.LegId, problem);
            return;
        }

        var builder = DialogRequest(e.Leg, "ACK", e.CSeq, destination.Transport, contact: false);
        if (e.Sdp is not null)
        {
            builder.SetBody("application/sdp", Encoding.UTF8.GetBytes(e.Sdp));
        }

        try
        {
            var ack = context.Transactions.CreateRequest(builder, destination.Transport);
            var key = (e.Leg.Dialog.SipCallId, e.CSeq);
            acks[key] = new SentAck(destination, ack);
            // Forget it once no 2xx retransmission can come any more (64*T1, RFC 3261 §13.3.1.4).
            ITimer? expiry = null;
            expiry = context.Time.CreateTimer(state =>
            {
                acks.TryRemove(key, out _);
                expiry?.Dispose();
            }, null, context.Settings.Transport.Timers.Timeout64T1, Timeout.InfiniteTimeSpan);
            Observe(context.Transactions.SendStateless(destination, ack), e.CallId, "ACK");
        }
        catch (SipTransportException ex)
        {
            log.Information("Call {CallId}: ACK on leg {LegId} failed: {Problem}", e.CallId, e.Leg.LegId, ex.Message);
        }
    }

    /// <summary>A 2xx to an INVITE we already ACKed came again: its ACK was lost, send it again.</summary>
    internal bool RepeatAck(SipMessage response)
    {
        if (!acks.TryGetValue((response.CallId, (long)response.CSeq.Number), out var sent))
        {
            return false;
        }

        Observe(context.Transactions.SendStateless(sent.Destination, sent.Ack), response.CallId, "ACK");
        return true;
    }

    private void Observe(ValueTask pending, string callId, string what)
    {
        if (pending.IsCompletedSuccessfully)
        {
            return;
        }

        _ = ObserveAsync();

        async Task ObserveAsync()
        {
            try
            {
                await pending.ConfigureAwait(false);
            }
            catch (SipTransportException ex)
            {
                log.Information("Call {CallId}: {What} could not be sent: {Problem}", callId, what, ex.Message);
            }
        }
    }

    /// <summary>The destination of a leg: its flow on this node (RFC 5626 §5.3). Legs routed by URI have none here.</summary>
    private bool TryDestination(CallLeg leg, out SipDestination destination, out string problem)
    {
        destination = null!;
        if (leg.Flow is not { } flow)
        {
            problem = $"leg {leg.LegId} to {leg.TargetUri} has no flow and calls are not routed by URI";
            return false;
        }

        try
        {
            destination = context.Transport.ResolveFlowToken(flow.Token);
            problem = "";
            return true;
        }
        catch (SipTransportException e)
        {
            problem = e.Message;
            return false;
        }
    }

    /// <summary>A request that could not be sent is reported to the call as its final response (RFC 3261 §8.1.3.1).</summary>
    private void Fail(string callId, CallLeg leg, string method, long cseq, int status, string reason)
    {
        var callMethod = CallMethodOf(SipMethods.Parse(method)) ?? CallMethod.Invite;
        Tell(callId, new ReceiveResponse(leg.LegId, callMethod, cseq, status, reason, SipCallId: leg.Dialog.SipCallId, LocalTag: leg.Dialog.LocalTag)
        {
            CommandId = $"fail/{leg.Dialog.SipCallId}/{cseq}/{method}",
        });
    }

    /// <summary>
    /// Answers a party's request as the entity decided: a 2xx to an INVITE is retransmitted until the ACK
    /// (RFC 3261 §13.3.1.4); 1xx/2xx to a dialog-creating INVITE carry our Contact and its Record-Route (§12.1.1).
    /// </summary>
    private void Respond(SipServerTransaction transaction, SipResponse response)
    {
        var request = transaction.Request;
        var final = response.Status >= 200;
        if (final)
        {
            serverTransactions.TryRemove(KeyOf(transaction), out _);
        }

        var builder = SipMessageBuilder.CreateResponse(request, response.Status, response.Reason, transaction.LocalTag);
        var establishes = request.Method is WireMethod.Invite or WireMethod.Update && response.Status is > 100 and < 300;
        if (establishes)
        {
            if (request.ToTag is null && request.TryGetRecordRoutes(out var routes, out _))
            {
                foreach (var route in routes) builder.AddHeader("Record-Route", route.Raw.Trim());
            }

            builder.AddHeader("Contact", $"<{context.ContactUri(transaction.Flow.Transport)}>");
            builder.AddHeader("Allow", AllowValue);
            builder.AddHeader("Supported", "timer");
        }

        if (response.SessionExpires is { } se) builder.AddHeader("Session-Expires", se.ToString());
        if (response.RequireTimer) builder.AddHeader("Require", "timer");
        if (response.MinSe is { } minSe) builder.AddHeader("Min-SE", minSe.ToString(CultureInfo.InvariantCulture));
        if (response.RetryAfter is { } retry) builder.AddHeader("Retry-After", retry.ToString(CultureInfo.InvariantCulture));
        if (response.Status == 405) builder.AddHeader("Allow", AllowValue);
        if (response.Sdp is { } sdp) builder.SetBody("application/sdp", Encoding.UTF8.GetBytes(sdp));

        var message = SipRequestFactory.Materialize(builder, context.Transactions.ParserOptions);
        if (request.Method == WireMethod.Invite && response.Status is >= 200 and < 300)
        {
            var (callId, _) = Route(request.CallId);
            context.Transactions.SendInvite2xx(transaction, message, _ =>
            {
                // RFC 3261 §13.3.1.4: no ACK within 64*T1 → end the dialog.
                log.Information("Call {CallId}: no ACK for the 2xx to {Method}; hanging up", callId, request.MethodText);
                Tell(callId, new HangUp("no ACK for 2xx") { CommandId = $"no-ack/{request.CallId}/{request.CSeq.Number}" });
            });
            return;
        }

        transaction.SendResponse(message);
    }
}
