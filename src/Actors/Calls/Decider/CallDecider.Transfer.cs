namespace Cluster.Actors.Calls;

/// <summary>
/// Transfer: REFER (RFC 3515) handled by the B2BUA itself, with progress NOTIFYs to the transferor, and INVITE with
/// Replaces (RFC 3891) replacing one of the call's confirmed legs.
/// </summary>
public sealed partial class CallDecider
{
    private void HandleRefer(CallOutcome o, ReceiveRefer c)
    {
        var state = o.State;
        if (state.FindLeg(c.LegId) is not { } leg || !state.Legs.ContainsKey(c.LegId))
        {
            o.Reject(CallErrorCode.NotFound, $"no leg {c.LegId} in call {o.CallId}", 481);
            return;
        }

        if (!leg.IsConfirmed || state.Stage is not (CallPhase.Answered or CallPhase.Held))
        {
            o.Reject(state.Stage == CallPhase.Transferring ? CallErrorCode.Pending : CallErrorCode.InvalidState,
                $"REFER is not possible in phase {state.Phase}", state.Stage == CallPhase.Transferring ? 491 : 403);
            return;
        }

        if (leg.Dialog.IsStale(c.CSeq))
        {
            o.Reject(CallErrorCode.OutOfOrder, $"CSeq {c.CSeq} is not above {leg.Dialog.RemoteCSeq}", 500);
            return;
        }

        if (state.Negotiation is not null)
        {
            o.Reject(CallErrorCode.Pending, "an offer/answer exchange is in progress", 491);
            return;
        }

        if (ReferTarget.Parse(c.ReferTo) is not { } target)
        {
            o.Reject(CallErrorCode.InvalidArgument, $"Refer-To '{c.ReferTo}' is not a sip:, sips: or tel: URI", 400);
            return;
        }

        if (state.PeerOf(leg) is not { } transferee)
        {
            o.Reject(CallErrorCode.InvalidState, "nobody on the other side to transfer", 403);
            return;
        }

        var transferId = NextId(o, "t");
        var notifyCSeq = leg.Dialog.LocalCSeq + 1;
        o.Respond(leg, c.TransactionKey, SipResponse.Of(202));
        o.Emit(new TransferStarted(new TransferState(transferId, leg.LegId, transferee.LegId, target.Uri, target.Replaces, c.ReferredBy, o.Now),
            c.CSeq, notifyCSeq));
        o.Send(new SendNotify(o.CallId, o.State.Legs[leg.LegId], notifyCSeq, "SIP/2.0 100 Trying", Terminated: false));
        var user = target.Replaces is null ? LocalUserOf(target.Uri, HomeDomain(o.State)) : null;
        OpenGroup(o, RingPurpose.TransferTarget, leg.Side, null, target.Uri, user, hops: 0, visited: [], target.Replaces, c.ReferredBy);
    }

    /// <summary>
    /// The transfer failed: the transferor gets a final NOTIFY with the status (RFC 3515 §2.4.5) and keeps the call;
    /// if it already hung up, the transferee is alone and the call ends.
    /// </summary>
    private static void FailTransfer(CallOutcome o, EndReason reason, int status)
    {
        var transfer = o.State.Transfer!;
        var referrer = o.State.Legs[transfer.ReferrerLegId];
        if (referrer.IsConfirmed)
        {
            var cseq = referrer.Dialog.LocalCSeq + 1;
            o.Emit(new TransferEnded(transfer.TransferId, false, status, cseq, o.Now));
            o.Send(new SendNotify(o.CallId, o.State.Legs[referrer.LegId], cseq, $"SIP/2.0 {status} {SipResponse.ReasonFor(status)}", Terminated: true));
            return;
        }

        o.Emit(new TransferEnded(transfer.TransferId, false, status, null, o.Now));
        EndCall(o, reason, Disconnector.System, null);
    }

    /// <summary>
    /// The transfer target is bridged: NOTIFY 200 to the transferor, then BYE it (RFC 5589 §6 leaves either side free to
    /// send the BYE; we do, so the transferor's phone is released even if it waits for us).
    /// </summary>
    private static void CompleteTransfer(CallOutcome o, Negotiation n)
    {
        var transfer = o.State.Transfer!;
        var referrer = o.State.Legs[transfer.ReferrerLegId];
        long? byeCSeq = null;
        if (referrer.IsConfirmed)
        {
            var notifyCSeq = referrer.Dialog.LocalCSeq + 1;
            o.Emit(new TransferEnded(transfer.TransferId, true, 200, notifyCSeq, o.Now));
            o.Send(new SendNotify(o.CallId, o.State.Legs[referrer.LegId], notifyCSeq, "SIP/2.0 200 OK", Terminated: true));
            byeCSeq = notifyCSeq + 1;
        }
        else
        {
            o.Emit(new TransferEnded(transfer.TransferId, true, 200, null, o.Now));
        }

        o.Emit(new LegReplaced(referrer.LegId, n.OffererLegId, byeCSeq, o.Now));
        if (byeCSeq is { } cseq)
        {
            o.Send(new SendBye(o.CallId, o.State.Legs[referrer.LegId], cseq));
        }

        var target = o.State.Legs[n.OffererLegId];
        if (referrer.User is { } gone && gone != target.User)
        {
            o.Send(new InformUser(gone, new Cluster.Actors.Users.ReportCallEnded(o.CallId) { CommandId = $"call-ended/{o.CallId}/{referrer.LegId}" }));
        }

        ReportActive(o, target.User);
    }

    private void HandleReplacingInvite(CallOutcome o, ReceiveReplacingInvite c)
    {
        var state = o.State;
        var invite = c.Invite;
        if (invite is null || c.Replaces is null || string.IsNullOrWhiteSpace(invite.TransactionKey) || invite.Flow is null || !invite.Flow.IsValid)
        {
            o.Reject(CallErrorCode.InvalidArgument, "the INVITE lacks a transaction key, flow or Replaces header", 400);
            return;
        }

        // RFC 3891 §3: no confirmed dialog matches (or early-only asked for a confirmed one) -> 481.
        if (state.MatchReplaces(c.Replaces) is not { IsConfirmed: true } replaced || c.Replaces.EarlyOnly || state.PeerOf(replaced) is not { } peer)
        {
            o.Reject(CallErrorCode.NotFound, $"no confirmed dialog of call {o.CallId} matches Replaces {c.Replaces}", 481);
            return;
        }

        if (state.Negotiation is not null || state.Stage == CallPhase.Transferring)
        {
            o.Reject(CallErrorCode.Pending, "an offer/answer exchange or transfer is in progress", 491);
            return;
        }

        if (invite.Sdp is null)
        {
            o.Reject(CallErrorCode.InvalidArgument, "an INVITE with Replaces must carry an offer here (delayed offer is not supported)", 488);
            return;
        }

        if (!TryNegotiateAsUas(o, invite, out var timer))
        {
            return;
        }

        var legId = NextId(o, "r");
        var leg = IncomingLeg(legId, replaced.Side, LegKind.Replacing, c.From?.User, invite, timer, o.Now);
        o.Emit(new LegAdded(leg, o.Now));
        StartBridge(o, leg, invite.Sdp, peer, invite.TransactionKey, BridgeCompletion.Replace, null, replaced.LegId);
    }

    /// <summary>The replacing dialog is answered with the peer's answer; the replaced leg gets BYE (RFC 3891 §3).</summary>
    private static void CompleteReplace(CallOutcome o, Negotiation n)
    {
        var old = o.State.Legs[n.ReplacedLegId!];
        long? byeCSeq = old.IsConfirmed ? old.Dialog.LocalCSeq + 1 : null;
        o.Emit(new LegReplaced(old.LegId, n.OffererLegId, byeCSeq, o.Now));
        if (byeCSeq is { } cseq)
        {
            o.Send(new SendBye(o.CallId, o.State.Legs[old.LegId], cseq));
        }

        var joined = o.State.Legs[n.OffererLegId];
        if (joined.Timer is { } timer)
        {
            o.Emit(new SessionTimerSet(joined.LegId, timer with { RefreshedAt = o.Now }, null, o.Now));
        }

        if (old.User is { } gone && gone != joined.User)
        {
            o.Send(new InformUser(gone, new Cluster.Actors.Users.ReportCallEnded(o.CallId) { CommandId = $"call-ended/{o.CallId}/{old.LegId}" }));
        }

        ReportActive(o, joined.User);
    }
}
