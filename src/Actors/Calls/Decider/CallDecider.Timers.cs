namespace Cluster.Actors.Calls;

/// <summary>
/// <see cref="TimerDue"/>: ring timeouts and no-answer forwarding, push waits, glare retries, session refreshes and
/// expiries (RFC 4028 §10), and the clean-up of a call recovered in a phase whose ephemeral part was lost.
/// </summary>
public sealed partial class CallDecider
{
    private void HandleTimerDue(CallOutcome o)
    {
        var state = o.State;
        if (state.IsEnded)
        {
            return;
        }

        if (state.IsOrphaned)
        {
            RecoverOrphan(o);
            return;
        }

        var now = o.Now;
        if (state.Ephemeral.Ringing is { } group)
        {
            if (group.NoAnswerAt is { } at && at <= now)
            {
                GroupFailed(o, EndReason.NoAnswer, 480);
                if (o.State.IsEnded)
                {
                    return;
                }
            }
            else if (group.PushWaits.Any(w => w.Until <= now))
            {
                var lapsed = group.PushWaits.Where(w => w.Until <= now).ToList();
                o.Change(new RingGroupChanged(group with
                {
                    PushWaits = group.PushWaits.RemoveAll(w => w.Until <= now),
                    Failures = group.Failures.AddRange(lapsed.Select(_ => 480)),
                }));
                CheckExhausted(o);
                if (o.State.IsEnded)
                {
                    return;
                }
            }
        }

        if (o.State.Negotiation is { RetryAt: { } retryAt } && retryAt <= now)
        {
            var answerer = o.State.Legs[o.State.Negotiation.AnswererLegId];
            o.Emit(new NegotiationRetried(answerer.Dialog.LocalCSeq + 1, now));
            SendNegotiationRequest(o);
        }

        foreach (var leg in o.State.Legs.Values.Where(l => l.IsConfirmed && l.Timer is not null).ToList())
        {
            var timer = leg.Timer!;
            if (timer.ExpiresAt <= now)
            {
                // RFC 4028 §10: no refresh before the session expired -> BYE both sides.
                EndCall(o, EndReason.SessionExpired, Disconnector.System, null);
                return;
            }

            if (timer.RefreshDue(now))
            {
                SendRefresh(o, leg);
            }
        }
    }

    /// <summary>
    /// RFC 4028 §10: refresh with UPDATE without SDP when the party allows it (no media change possible), else with a
    /// re-INVITE repeating the SDP we sent last. A re-INVITE of ours already in flight on the leg postpones it.
    /// </summary>
    private void SendRefresh(CallOutcome o, CallLeg leg)
    {
        var useUpdate = leg.AllowsUpdate;
        var busy = o.State.Negotiation is { } n && (n.AnswererLegId == leg.LegId || n.OffererLegId == leg.LegId);
        if (busy && !useUpdate)
        {
            o.Emit(new SessionRefreshFailed(leg.LegId, 491, o.Now + GlareDelay(leg)));
            return;
        }

        var cseq = leg.Dialog.LocalCSeq + 1;
        var method = useUpdate ? SipMethod.Update : SipMethod.Invite;
        o.Emit(new SessionRefreshSent(leg.LegId, method, cseq, o.Now));
        var sent = o.State.Legs[leg.LegId];
        o.Send(useUpdate
            ? new SendUpdate(o.CallId, sent, cseq, null, sent.Timer!.ForRequest())
            : new SendReinvite(o.CallId, sent, cseq, sent.LocalSdp, sent.Timer!.ForRequest()));
    }

    private void HandleRefreshResponse(CallOutcome o, CallLeg leg, ReceiveResponse r)
    {
        if (r.IsProvisional)
        {
            return;
        }

        if (r.IsSuccess)
        {
            if (r.Method == SipMethod.Invite)
            {
                o.Send(new SendAck(o.CallId, leg, r.CSeq));
            }

            o.Emit(new SessionTimerSet(leg.LegId, RefreshedByUs(leg.Timer!, r, o.Now), null, o.Now));
            return;
        }

        if (r.Status is 408 or 481)
        {
            // RFC 4028 §10 / RFC 3261 §12.2.1.2: the refresh found no dialog; the session is over.
            EndCall(o, EndReason.SessionExpired, Disconnector.System, null, byeFrom: leg.LegId);
            return;
        }

        var retry = r.Status == 491 ? GlareDelay(leg) : TimeSpan.FromSeconds(Math.Min(30, Math.Max(1, leg.Timer!.IntervalSeconds / 10)));
        o.Emit(new SessionRefreshFailed(leg.LegId, r.Status, o.Now + retry));
    }

    /// <summary>RFC 4028 §7.2: after our refresh, the 2xx's Session-Expires (if any) sets interval and refresher anew.</summary>
    private static SessionTimer RefreshedByUs(SessionTimer timer, ReceiveResponse r, DateTimeOffset now) =>
        r.SessionExpires is { } se
            ? new SessionTimer(se.DeltaSeconds, se.Refresher == SessionExpires.Uas ? SessionRefresher.Them : SessionRefresher.Us, now)
            : timer with { RefreshedAt = now, PendingCSeq = null, RetryAt = null };

    /// <summary>
    /// The entity moved nodes while the ringing phase (or a transfer's ringing) was only in memory: a ringing call ends
    /// (the caller gets 503 and may retry, RFC 3261 §21.5.4), a transfer fails with 503 and the call goes on.
    /// </summary>
    private static void RecoverOrphan(CallOutcome o)
    {
        if (o.State.Stage == CallPhase.Transferring)
        {
            FailTransfer(o, EndReason.Failover, 503);
            return;
        }

        EndCall(o, EndReason.Failover, Disconnector.System, 503);
    }
}
