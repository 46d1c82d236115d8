using Cluster.Actors.Users;

namespace Cluster.Actors.Calls;

/// <summary>First 2xx wins: what the winning fork's answer leads to for each ring purpose.</summary>
public sealed partial class CallDecider
{
    private void HandleForkAnswer(CallOutcome o, CallLeg leg, ReceiveResponse r, RingGroup group)
    {
        var winner = leg with
        {
            Status = group.Purpose == RingPurpose.TransferTarget ? LegStatus.Connecting : LegStatus.Confirmed,
            Dialog = DialogFrom(leg.Dialog, r),
            RemoteSdp = r.Sdp ?? leg.RemoteSdp,
            AllowsUpdate = r.AllowsUpdate,
            Timer = NegotiateAsUac(r, o.Now),
            FinalStatus = r.Status,
            AnsweredAt = o.Now,
        };
        o.Change(new ForkChanged(winner));
        CloseGroup(o);
        switch (group.Purpose)
        {
            case RingPurpose.Callee:
                ConnectCaller(o, winner, r);
                break;
            case RingPurpose.OwnDevice:
                ConnectOwnDevice(o, winner, r);
                break;
            case RingPurpose.Destination:
                ConnectDestination(o, winner, r);
                break;
            case RingPurpose.TransferTarget:
                ConnectTransferTarget(o, winner, r);
                break;
        }
    }

    /// <summary>
    /// A SIP call is answered: 200 to the caller with the callee's SDP and the caller's session timer, ACK the callee.
    /// With a delayed offer (INVITE without SDP) the callee's 2xx holds the offer: it goes to the caller in our 200 and
    /// the caller's answer comes in its ACK, which we pass on in the callee's ACK (RFC 3261 §13.2.1).
    /// </summary>
    private void ConnectCaller(CallOutcome o, CallLeg winner, ReceiveResponse r)
    {
        var caller = o.State.CallerLeg!;
        var sdp = r.Sdp is null ? null : Rewrite(o, winner.LegId, caller.LegId, r.Sdp);
        var callerTimer = caller.Timer is { } planned ? planned with { RefreshedAt = o.Now } : null;
        o.Emit(new LegAdded(winner, o.Now));
        o.Emit(new CallAnswered(winner.LegId, sdp, callerTimer, o.Now));
        o.Respond(caller, caller.InviteKey!, new SipResponse(200, "OK", sdp, callerTimer?.ForResponse(),
            RequireTimer: callerTimer is { Refresher: SessionRefresher.Them }, LocalTag: caller.Dialog.LocalTag));
        if (caller.RemoteSdp is null && r.Sdp is not null)
        {
            o.Emit(new NegotiationStarted(new Negotiation(NegotiationKind.Bridge, winner.LegId, caller.LegId, SipMethod.Invite, r.Sdp, null,
                winner.InviteCSeq, 0, BridgeCompletion.DelayedOffer), null, o.Now));
        }
        else
        {
            o.Send(new SendAck(o.CallId, winner, winner.InviteCSeq));
        }

        ReportActive(o, o.State.Caller?.User, winner.User);
    }

    /// <summary>
    /// Click-to-dial, RFC 3725 flow IV step 1-3: the user's device answered our offerless INVITE with offer1; ACK it with
    /// an inactive "black hole" answer so the device is quiet, then call the destination without SDP.
    /// </summary>
    private void ConnectOwnDevice(CallOutcome o, CallLeg winner, ReceiveResponse r)
    {
        if (r.Sdp is null)
        {
            FailNewLeg(o, winner, r.CSeq);
            EndCall(o, EndReason.Failed, Disconnector.System, 488);
            return;
        }

        var answer = SdpInspector.InactiveAnswerFor(r.Sdp, Entropy.Token(10));
        var device = winner with { LocalSdp = answer };
        o.Emit(new LegAdded(device, o.Now));
        o.Send(new SendAck(o.CallId, device, device.InviteCSeq, answer));
        var destination = o.State.Callee!;
        OpenGroup(o, RingPurpose.Destination, LegSide.B, null, destination.Uri, destination.User, hops: 0, visited: []);
    }

    /// <summary>
    /// Click-to-dial, RFC 3725 flow IV step 4-9: the destination answered our offerless INVITE with offer2; re-INVITE the
    /// user's device with offer2, and its answer goes to the destination in the ACK (<see cref="BridgeCompletion.ClickToDial"/>).
    /// </summary>
    private void ConnectDestination(CallOutcome o, CallLeg winner, ReceiveResponse r)
    {
        var device = o.State.ConnectedLeg(LegSide.A);
        if (r.Sdp is null || device is null)
        {
            FailNewLeg(o, winner, r.CSeq);
            EndCall(o, EndReason.Failed, Disconnector.System, 488);
            return;
        }

        o.Emit(new LegAdded(winner, o.Now));
        o.Emit(new CallAnswered(winner.LegId, null, null, o.Now));
        StartBridge(o, winner, r.Sdp, device, null, BridgeCompletion.ClickToDial, null, null);
        ReportActive(o, o.State.Caller?.User, winner.User);
    }

    /// <summary>
    /// The transfer target answered our offerless INVITE with an offer; re-INVITE the transferee with it; when the
    /// transferee answers, the target's ACK carries the answer and the target replaces the transferor.
    /// </summary>
    private void ConnectTransferTarget(CallOutcome o, CallLeg winner, ReceiveResponse r)
    {
        var transfer = o.State.Transfer!;
        var transferee = o.State.FindLeg(transfer.TransfereeLegId);
        if (r.Sdp is null || transferee is not { IsConfirmed: true })
        {
            FailNewLeg(o, winner, r.CSeq);
            FailTransfer(o, EndReason.Failed, 488);
            return;
        }

        o.Emit(new LegAdded(winner, o.Now));
        StartBridge(o, winner, r.Sdp, transferee, null, BridgeCompletion.Transfer, transfer.TransferId, transfer.ReferrerLegId);
    }

    /// <summary>A fork that answered but cannot join: ACK its 2xx and BYE it.</summary>
    private static void FailNewLeg(CallOutcome o, CallLeg leg, long cseq)
    {
        var ended = leg with { Status = LegStatus.Terminated, Dialog = leg.Dialog with { LocalCSeq = leg.Dialog.LocalCSeq + 1 }, EndedAt = o.Now };
        o.Change(new ForkChanged(ended));
        o.Send(new SendAck(o.CallId, leg, cseq));
        o.Send(new SendBye(o.CallId, ended, ended.Dialog.LocalCSeq));
    }

    /// <summary>Sends <paramref name="offer"/> from the new leg to <paramref name="answerer"/> in a re-INVITE.</summary>
    private void StartBridge(CallOutcome o, CallLeg newLeg, string offer, CallLeg answerer, string? requestKey, BridgeCompletion then,
        string? transferId, string? replacedLegId)
    {
        var cseq = answerer.Dialog.LocalCSeq + 1;
        var ackCSeq = requestKey is null ? newLeg.InviteCSeq : (long?)null;
        o.Emit(new NegotiationStarted(new Negotiation(NegotiationKind.Bridge, newLeg.LegId, answerer.LegId, SipMethod.Invite, offer, requestKey,
            ackCSeq, cseq, then, TransferId: transferId, ReplacedLegId: replacedLegId), null, o.Now));
        var sent = o.State.FindLeg(answerer.LegId)!;
        o.Send(new SendReinvite(o.CallId, sent, cseq, Rewrite(o, newLeg.LegId, answerer.LegId, offer), sent.Timer?.ForRequest()));
    }

    private static void ReportActive(CallOutcome o, params Cluster.Actors.Common.UserAddress?[] users)
    {
        foreach (var user in users.Where(u => u is not null).Select(u => u!.Value).Distinct())
        {
            o.Send(new InformUser(user, new ReportCallActive(o.CallId) { CommandId = $"call-active/{o.CallId}" }));
        }
    }
}
