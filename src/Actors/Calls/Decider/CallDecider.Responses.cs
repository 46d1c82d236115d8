namespace Cluster.Actors.Calls;

/// <summary>Responses to requests this call sent: INVITEs of forks, relayed offers, session refreshes, BYE and NOTIFY.</summary>
public sealed partial class CallDecider
{
    private void HandleResponse(CallOutcome o, ReceiveResponse r)
    {
        var state = o.State;
        if (state.FindLeg(r.LegId) is not { } leg)
        {
            HandleUnknownLegResponse(o, r);
            return;
        }

        var isFork = state.Ephemeral.Forks.ContainsKey(leg.LegId);
        if (r.Method == SipMethod.Invite && leg.Direction == LegDirection.Outgoing && r.CSeq == leg.InviteCSeq)
        {
            if (isFork)
            {
                HandleForkResponse(o, leg, r);
            }
            else if (r.IsSuccess)
            {
                // A retransmitted 2xx of the INVITE that created a durable leg: its ACK was lost, send it again (§13.2.2.4).
                o.Send(new SendAck(o.CallId, leg, r.CSeq, leg.Kind == LegKind.OwnDevice ? leg.LocalSdp : null));
            }

            return;
        }

        if (state.Negotiation is { } n && n.AnswererLegId == leg.LegId && n.SentCSeq == r.CSeq && n.Method == r.Method && n.SentCSeq > 0)
        {
            HandleNegotiationResponse(o, n, leg, r);
            return;
        }

        if (leg.Timer?.PendingCSeq == r.CSeq && r.Method is SipMethod.Invite or SipMethod.Update)
        {
            HandleRefreshResponse(o, leg, r);
            return;
        }

        if (r.Method == SipMethod.Invite && r.IsSuccess)
        {
            // A retransmitted 2xx for a re-INVITE we already completed: ACK it again.
            o.Send(new SendAck(o.CallId, leg, r.CSeq));
        }
    }

    /// <summary>
    /// A response for a leg this entity does not know: after a failover while ringing, forks of the lost ringing phase
    /// still answer. A 2xx is ACKed and ended with BYE, a provisional response gets CANCEL; both use the dialog fields
    /// the edge copied from the response.
    /// </summary>
    private static void HandleUnknownLegResponse(CallOutcome o, ReceiveResponse r)
    {
        if (r.Method != SipMethod.Invite || r.SipCallId is null || r.LocalTag is null || (!r.IsSuccess && !(r.IsProvisional && r.Status > 100)))
        {
            return;
        }

        var dialog = new SipDialog(r.SipCallId, r.LocalTag, r.RemoteTag, string.Empty, string.Empty, r.RemoteTarget ?? string.Empty, r.RouteSet ?? [], r.CSeq, 0);
        var stray = new CallLeg(r.LegId, LegSide.B, LegDirection.Outgoing, LegKind.Device, r.RemoteTarget ?? string.Empty, null, null, dialog,
            LegStatus.Terminated, r.CSeq, null, null, false, null, r.Status, o.Now);
        if (r.IsSuccess)
        {
            o.Send(new SendAck(o.CallId, stray, r.CSeq));
            o.Send(new SendBye(o.CallId, stray with { Dialog = dialog with { LocalCSeq = r.CSeq + 1 } }, r.CSeq + 1));
        }
        else
        {
            o.Send(new SendCancel(o.CallId, stray));
        }
    }

    private void HandleNegotiationResponse(CallOutcome o, Negotiation n, CallLeg answerer, ReceiveResponse r)
    {
        if (r.IsProvisional)
        {
            return;
        }

        if (r.IsSuccess)
        {
            if (n.Method == SipMethod.Invite)
            {
                o.Send(new SendAck(o.CallId, answerer, r.CSeq));
            }

            if (answerer.Timer is { } timer)
            {
                o.Emit(new SessionTimerSet(answerer.LegId, RefreshedByUs(timer, r, o.Now), null, o.Now));
            }

            if (r.Sdp is null)
            {
                FailNegotiation(o, n, 488);
                return;
            }

            CompleteNegotiation(o, n, r.Sdp);
            return;
        }

        if (r.Status == 491)
        {
            o.Emit(new NegotiationGlared(o.Now + GlareDelay(answerer)));
            return;
        }

        FailNegotiation(o, n, r.Status);
        if (r.Status is 408 or 481 && !o.State.IsEnded)
        {
            // RFC 3261 §12.2.1.2: 481 or 408 to an in-dialog request means the dialog is gone.
            EndCall(o, EndReason.Failed, answerer.Side == LegSide.A ? Disconnector.A : Disconnector.B, null, byeFrom: answerer.LegId);
        }
    }

    /// <summary>The answer arrived: pass it to the offerer (in our 2xx or in an ACK) and finish what the exchange was for.</summary>
    private void CompleteNegotiation(CallOutcome o, Negotiation n, string answer)
    {
        var offerer = o.State.Legs[n.OffererLegId];
        var answerer = o.State.Legs[n.AnswererLegId];
        var offerSent = answerer.LocalSdp is { } previous && n.Offer is null ? previous : Rewrite(o, offerer.LegId, answerer.LegId, n.Offer!);
        var answerSent = Rewrite(o, answerer.LegId, offerer.LegId, answer);
        o.Emit(new SdpExchanged(offerer.LegId, n.Offer!, offerSent, answerer.LegId, answer, answerSent, o.Now));
        offerer = o.State.Legs[offerer.LegId];
        if (n.RequestKey is { } key)
        {
            var timer = offerer.Timer;
            o.Respond(offerer, key, new SipResponse(200, "OK", answerSent, timer?.ForResponse(), RequireTimer: timer is not null,
                LocalTag: n.Then == BridgeCompletion.Replace ? offerer.Dialog.LocalTag : null));
        }
        else if (n.AckCSeq is { } ackCSeq)
        {
            o.Send(new SendAck(o.CallId, offerer, ackCSeq, answerSent));
        }

        UpdateHold(o, offerer.Side, n.Offer!);
        switch (n.Then)
        {
            case BridgeCompletion.Transfer:
                CompleteTransfer(o, n);
                break;
            case BridgeCompletion.Replace:
                CompleteReplace(o, n);
                break;
        }
    }

    /// <summary>The answerer refused the offer: each side keeps its session; the offerer gets the same status.</summary>
    private static void FailNegotiation(CallOutcome o, Negotiation n, int status)
    {
        o.Emit(new NegotiationFailed(status, o.Now));
        var offerer = o.State.Legs[n.OffererLegId];
        if (n.RequestKey is { } key && offerer.IsActive)
        {
            o.Respond(offerer, key, new SipResponse(status, SipResponse.ReasonFor(status)));
        }

        switch (n.Then)
        {
            case BridgeCompletion.Transfer:
                if (offerer.IsActive)
                {
                    o.Emit(new LegEnded(offerer.LegId, offerer.Status == LegStatus.Connecting ? offerer.Dialog.LocalCSeq + 1 : null, null, o.Now));
                    if (o.State.Legs[offerer.LegId].Dialog.LocalCSeq > offerer.Dialog.LocalCSeq)
                    {
                        o.Send(new SendAck(o.CallId, offerer, n.AckCSeq ?? offerer.InviteCSeq));
                        o.Send(new SendBye(o.CallId, o.State.Legs[offerer.LegId], o.State.Legs[offerer.LegId].Dialog.LocalCSeq));
                    }
                }

                if (o.State.Transfer is not null)
                {
                    FailTransfer(o, EndReason.Failed, status);
                }

                break;
            case BridgeCompletion.Replace:
                if (offerer.IsActive)
                {
                    o.Emit(new LegEnded(offerer.LegId, null, null, o.Now));
                }

                break;
            case BridgeCompletion.ClickToDial:
                EndCall(o, EndReason.Failed, Disconnector.System, null);
                break;
        }
    }
}
