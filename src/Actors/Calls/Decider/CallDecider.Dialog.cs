namespace Cluster.Actors.Calls;

/// <summary>
/// In-dialog requests from the parties: re-INVITE and UPDATE (relayed across the bridge, RFC 3261 §14, RFC 3311), ACK,
/// CANCEL and BYE.
/// </summary>
public sealed partial class CallDecider
{
    private void HandleOffer(CallOutcome o, string legId, long cseq, string key, string? sdp, SessionExpires? se, int? minSe, SipMethod method)
    {
        var state = o.State;
        if (!state.Legs.TryGetValue(legId, out var leg) || !leg.IsActive)
        {
            o.Reject(CallErrorCode.NotFound, $"no leg {legId} in call {o.CallId}", 481);
            return;
        }

        if (!leg.IsConfirmed)
        {
            // RFC 3311 allows UPDATE in early dialogs; this B2BUA does not relay offers before the answer (documented).
            o.Reject(CallErrorCode.InvalidState, $"{method} before the answer is not relayed", 403);
            return;
        }

        if (leg.Dialog.IsStale(cseq))
        {
            o.Reject(CallErrorCode.OutOfOrder, $"CSeq {cseq} is not above {leg.Dialog.RemoteCSeq} (RFC 3261 §12.2.2)", 500);
            return;
        }

        if (state.Negotiation is { } pending)
        {
            if (pending.OffererLegId == legId && pending.AnswererLegId != legId)
            {
                // RFC 3261 §14.2: a second INVITE while the first from the same party is unanswered -> 500 with Retry-After 0-10 s.
                o.Reject(CallErrorCode.Pending, "the previous offer from this party is still being answered",
                    new SipResponse(500, SipResponse.ReasonFor(500), RetryAfter: (int)(Entropy.NextDouble() * 10)));
                return;
            }

            // RFC 3261 §14.2: we have a re-INVITE out on this dialog (or elsewhere in the bridge) -> 491.
            o.Reject(CallErrorCode.Pending, "an offer/answer exchange is in progress", 491);
            return;
        }

        if (!state.IsAnswered || (leg.Timer?.PendingCSeq is not null && method == SipMethod.Invite))
        {
            o.Reject(CallErrorCode.Pending, "the call is not bridged yet or a refresh is in flight", 491);
            return;
        }

        if (se is { } requested && requested.DeltaSeconds < Settings.MinSessionExpires)
        {
            o.Reject(CallErrorCode.IntervalTooSmall, $"Session-Expires {requested.DeltaSeconds}s is below our Min-SE",
                new SipResponse(422, SipResponse.ReasonFor(422), MinSe: Settings.MinSessionExpires));
            return;
        }

        var timer = RefreshedByParty(leg.Timer, se, o.Now);
        o.Emit(new SessionTimerSet(leg.LegId, timer, cseq, o.Now));
        leg = o.State.Legs[legId];
        var peer = o.State.PeerOf(leg);

        if (sdp is null && method == SipMethod.Update)
        {
            o.Respond(leg, key, new SipResponse(200, "OK", null, timer?.ForResponse(), RequireTimer: timer is not null));
            return;
        }

        if (sdp is null)
        {
            // Offerless re-INVITE: offer the session as it stands; the answer comes in the ACK (RFC 3261 §14.1, §13.2.1).
            var offer = leg.LocalSdp ?? peer?.RemoteSdp;
            if (offer is null)
            {
                o.Respond(leg, key, new SipResponse(200, "OK", null, timer?.ForResponse(), RequireTimer: timer is not null));
                return;
            }

            o.Emit(new NegotiationStarted(new Negotiation(NegotiationKind.Reoffer, leg.LegId, leg.LegId, SipMethod.Invite, offer, null, cseq, 0,
                BridgeCompletion.None), null, o.Now));
            o.Respond(leg, key, new SipResponse(200, "OK", offer, timer?.ForResponse(), RequireTimer: timer is not null));
            return;
        }

        if (SdpInspector.IsUnchanged(leg.RemoteSdp, sdp) || peer is null)
        {
            // RFC 3264 §8: same o= version -> no change (a session refresh); answer with what we sent last, unchanged.
            o.Respond(leg, key, new SipResponse(200, "OK", leg.LocalSdp, timer?.ForResponse(), RequireTimer: timer is not null));
            return;
        }

        var relayMethod = method == SipMethod.Update && peer.AllowsUpdate ? SipMethod.Update : SipMethod.Invite;
        var sentCSeq = peer.Dialog.LocalCSeq + 1;
        o.Emit(new NegotiationStarted(new Negotiation(NegotiationKind.Relay, leg.LegId, peer.LegId, relayMethod, sdp, key, null, sentCSeq,
            BridgeCompletion.None), null, o.Now));
        SendNegotiationRequest(o);
    }

    /// <summary>
    /// RFC 4028 §9 for a refresh from the party: the interval it asks for (not below Min-SE, checked before), the
    /// refresher it names ("uac" = the party, who sent this request), else the role as it was.
    /// </summary>
    private static SessionTimer? RefreshedByParty(SessionTimer? current, SessionExpires? se, DateTimeOffset now)
    {
        if (se is null)
        {
            return current is null ? null : current with { RefreshedAt = now, RetryAt = null };
        }

        var refresher = se.Refresher switch
        {
            SessionExpires.Uac => SessionRefresher.Them,
            SessionExpires.Uas => SessionRefresher.Us,
            _ => current?.Refresher ?? SessionRefresher.Them,
        };
        return new SessionTimer(se.DeltaSeconds, refresher, now, current?.PendingCSeq);
    }

    /// <summary>Sends (or re-sends after glare) the pending negotiation's request to its answerer.</summary>
    private void SendNegotiationRequest(CallOutcome o)
    {
        var n = o.State.Negotiation!;
        var answerer = o.State.Legs[n.AnswererLegId];
        var offer = n.Offer is null ? null : Rewrite(o, n.OffererLegId, n.AnswererLegId, n.Offer);
        o.Send(n.Method == SipMethod.Update
            ? new SendUpdate(o.CallId, answerer, n.SentCSeq, offer, answerer.Timer?.ForRequest())
            : new SendReinvite(o.CallId, answerer, n.SentCSeq, offer, answerer.Timer?.ForRequest()));
    }

    private void HandleAck(CallOutcome o, ReceiveAck c)
    {
        if (o.State.Negotiation is not { } n || n.AckCSeq is null)
        {
            return;
        }

        if (n.Kind == NegotiationKind.Bridge && n.Then == BridgeCompletion.DelayedOffer && n.AnswererLegId == c.LegId)
        {
            if (c.Sdp is null)
            {
                // RFC 3261 §13.2.1: the ACK must carry the answer to an offer in the 2xx; without it there is no session.
                EndCall(o, EndReason.Failed, Disconnector.System, null);
                return;
            }

            var caller = o.State.Legs[c.LegId];
            var callee = o.State.Legs[n.OffererLegId];
            var answerSent = Rewrite(o, caller.LegId, callee.LegId, c.Sdp);
            o.Emit(new SdpExchanged(callee.LegId, n.Offer!, caller.LocalSdp ?? n.Offer!, caller.LegId, c.Sdp, answerSent, o.Now));
            o.Send(new SendAck(o.CallId, o.State.Legs[callee.LegId], n.AckCSeq.Value, answerSent));
            return;
        }

        if (n.Kind == NegotiationKind.Reoffer && n.OffererLegId == c.LegId && c.CSeq == n.AckCSeq)
        {
            var leg = o.State.Legs[c.LegId];
            if (c.Sdp is null)
            {
                o.Emit(new NegotiationFailed(400, o.Now));
                return;
            }

            var changed = !SdpInspector.IsUnchanged(leg.RemoteSdp, c.Sdp);
            o.Emit(new SdpExchanged(leg.LegId, n.Offer!, n.Offer!, leg.LegId, c.Sdp, c.Sdp, o.Now));
            UpdateHold(o, leg.Side, c.Sdp);
            if (changed && o.State.PeerOf(leg) is { } peer)
            {
                // The party's answer changed its media: offer the change to the other side; nobody waits for the answer.
                o.Emit(new NegotiationStarted(new Negotiation(NegotiationKind.Relay, leg.LegId, peer.LegId, SipMethod.Invite, c.Sdp, null, null,
                    peer.Dialog.LocalCSeq + 1, BridgeCompletion.None), null, o.Now));
                SendNegotiationRequest(o);
            }
        }
    }

    private static void HandleCancel(CallOutcome o, ReceiveCancel c)
    {
        // RFC 3261 §9.2: a CANCEL for an INVITE already answered has no effect; the edge has answered the CANCEL itself.
        if (c.LegId == CallLeg.CallerLegId && o.State.CallerLeg is { IsPending: true })
        {
            EndCall(o, EndReason.Cancelled, Disconnector.A, 487);
        }
    }

    private void HandleBye(CallOutcome o, ReceiveBye c)
    {
        var state = o.State;
        if (!state.Legs.TryGetValue(c.LegId, out var leg) || !leg.IsActive)
        {
            o.Reject(CallErrorCode.NotFound, $"no active leg {c.LegId} in call {o.CallId}", 481);
            return;
        }

        if (leg.Status != LegStatus.Trying && leg.Dialog.IsStale(c.CSeq))
        {
            o.Reject(CallErrorCode.OutOfOrder, $"CSeq {c.CSeq} is not above {leg.Dialog.RemoteCSeq}", 500);
            return;
        }

        o.Respond(leg, c.TransactionKey, SipResponse.Ok());
        if (leg.LegId == CallLeg.CallerLegId && leg.IsPending)
        {
            // RFC 3261 §15: the caller may BYE its early dialog; like a CANCEL, the INVITE gets 487.
            EndCall(o, EndReason.Cancelled, Disconnector.A, 487, byeFrom: null);
            return;
        }

        var inBridge = leg.IsConfirmed && o.State.ConnectedLeg(leg.Side)?.LegId == leg.LegId;
        if (state.Transfer is { } transfer && transfer.ReferrerLegId == leg.LegId)
        {
            // Blind transfer: the transferor usually hangs up right after the 202; the transfer goes on without it.
            o.Emit(new LegEnded(leg.LegId, null, c.CSeq, o.Now));
            return;
        }

        if (!inBridge)
        {
            // A leg that had not joined yet (a transfer target or replacing dialog being bridged) leaves; the exchange fails.
            o.Emit(new LegEnded(leg.LegId, null, c.CSeq, o.Now));
            if (state.Negotiation is { } n && (n.OffererLegId == leg.LegId || n.AnswererLegId == leg.LegId))
            {
                FailNegotiation(o, n, 487);
            }

            return;
        }

        EndCall(o, EndReason.Completed, leg.Side == LegSide.A ? Disconnector.A : Disconnector.B, null, byeFrom: leg.LegId);
    }

    /// <summary>RFC 3264 §8.4: a side holds the other when its offer makes every stream sendonly or inactive.</summary>
    private static void UpdateHold(CallOutcome o, LegSide side, string offer)
    {
        var held = SdpInspector.IsHold(offer);
        var current = side == LegSide.A ? o.State.HeldByA : o.State.HeldByB;
        if (held != current)
        {
            o.Emit(new HoldChanged(side, held, o.Now));
        }
    }
}
