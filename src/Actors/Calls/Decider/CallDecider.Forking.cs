using Cluster.Actors.Users;

namespace Cluster.Actors.Calls;

/// <summary>
/// Forking (RFC 3261 §16.7 done by a B2BUA): INVITE every target of the ring group in parallel, relay 180 and the first
/// fork's early media, take the first 2xx and CANCEL the rest, ACK and BYE a late 2xx (§13.2.2.4), and when every fork
/// failed, forward (busy / no answer / unreachable) or give up.
/// </summary>
public sealed partial class CallDecider
{
    private void StartFork(CallOutcome o, ForkTarget target)
    {
        var group = o.State.Ephemeral.Ringing!;
        var legId = NextId(o, "b");
        var (fromUri, toUri) = FromAndTo(o.State, group);
        var dialog = new SipDialog(CallLegIds.SipCallIdFor(o.CallId, legId), Entropy.Token(10), null, fromUri, toUri, target.Uri, target.Path, 1, 0);
        var offer = group.Offer is null ? null : Rewrite(o, CallLeg.CallerLegId, legId, group.Offer);
        var leg = new CallLeg(legId, group.Side, LegDirection.Outgoing, target.Kind, target.Uri, target.User, target.Flow, dialog, LegStatus.Trying, 1,
            offer, null, false, null, null, o.Now);
        o.Change(new ForkChanged(leg));
        o.Change(new RingGroupChanged(group with { LegIds = group.LegIds.Add(legId) }));
        if (CallStateMachine.CanTransition(o.State.Phase, CallTrigger.Forked) && o.State.Stage == CallPhase.Initiated)
        {
            o.Change(new ProgressChanged(CallTrigger.Forked));
        }

        o.Send(new SendInvite(o.CallId, leg, offer, Settings.SessionInterval is { } s ? new SessionExpires(s) : null, Settings.MinSessionExpires,
            group.Replaces, group.ReferredBy, group.DivertedFrom, group.DiversionReason, target.Path));
    }

    /// <summary>
    /// The identities a fork presents: the caller towards the callee; for click-to-dial the destination towards the user's
    /// own device and the user towards the destination (RFC 3725 §4); the transferee towards a transfer target.
    /// </summary>
    private static (string From, string To) FromAndTo(CallState state, RingGroup group) => group.Purpose switch
    {
        RingPurpose.OwnDevice => (state.Callee!.Uri, group.DestinationUri),
        RingPurpose.TransferTarget when state.Transfer is { } t && state.FindLeg(t.TransfereeLegId) is { } transferee =>
            (transferee.Dialog.RemoteUri, group.DestinationUri),
        _ => (state.Caller!.Uri, group.DestinationUri),
    };

    private void HandleForkResponse(CallOutcome o, CallLeg leg, ReceiveResponse r)
    {
        var group = o.State.Ephemeral.Ringing;
        var live = group is not null && group.LegIds.Contains(leg.LegId) && leg.IsPending;
        if (!live)
        {
            if (r.IsSuccess)
            {
                // RFC 3261 §13.2.2.4: every 2xx is ACKed; a 2xx from a fork that lost (or was cancelled) is then ended with BYE.
                var dialog = DialogFrom(leg.Dialog, r);
                var ended = leg with { Dialog = dialog with { LocalCSeq = dialog.LocalCSeq + 1 }, Status = LegStatus.Terminated, FinalStatus = r.Status, EndedAt = o.Now };
                o.Change(new ForkChanged(ended));
                o.Send(new SendAck(o.CallId, leg with { Dialog = dialog }, r.CSeq));
                o.Send(new SendBye(o.CallId, ended, ended.Dialog.LocalCSeq));
            }
            else if (!r.IsProvisional && leg.IsActive)
            {
                o.Change(new ForkChanged(leg with { Status = LegStatus.Terminated, FinalStatus = r.Status, EndedAt = o.Now }));
            }

            return;
        }

        if (r.IsProvisional)
        {
            HandleForkProgress(o, leg, r, group!);
        }
        else if (r.IsSuccess)
        {
            HandleForkAnswer(o, leg, r, group!);
        }
        else
        {
            HandleForkFailure(o, leg, r);
        }
    }

    private void HandleForkProgress(CallOutcome o, CallLeg leg, ReceiveResponse r, RingGroup group)
    {
        if (r.Status == 100)
        {
            return;
        }

        var earlyMedia = r.Status == 183 && r.Sdp is not null;
        var status = earlyMedia ? LegStatus.EarlyMedia : r.Status is 180 or 181 or 182 ? LegStatus.Ringing : LegStatus.Proceeding;
        var updated = leg with { Status = status, Dialog = DialogFrom(leg.Dialog, r), RemoteSdp = r.Sdp ?? leg.RemoteSdp };
        o.Change(new ForkChanged(updated));
        var preAnswer = o.State.Stage == CallPhase.Initiated;
        var caller = group.Purpose == RingPurpose.Callee ? o.State.CallerLeg : null;
        if (earlyMedia && (o.State.Ephemeral.EarlyMediaLegId is null || o.State.Ephemeral.EarlyMediaLegId == leg.LegId) && preAnswer)
        {
            o.Change(new EarlyMediaChosen(leg.LegId));
            o.Change(new ProgressChanged(CallTrigger.EarlyMedia));
            if (caller is not null)
            {
                // Early media from the first fork that offers it is relayed; RFC 3261 has one early dialog per fork, the
                // caller sees only ours, so later forks' early SDP could not be told apart and is not relayed.
                var sdp = Rewrite(o, leg.LegId, caller.LegId, r.Sdp!);
                o.Respond(caller, caller.InviteKey!, new SipResponse(183, SipResponse.ReasonFor(183), sdp, LocalTag: caller.Dialog.LocalTag));
            }
        }
        else if (status != LegStatus.Proceeding && preAnswer && o.State.Phase == CallPhase.Proceeding)
        {
            o.Change(new ProgressChanged(CallTrigger.Ringing));
            if (caller is not null)
            {
                o.Respond(caller, caller.InviteKey!, new SipResponse(180, SipResponse.ReasonFor(180), LocalTag: caller.Dialog.LocalTag));
            }
        }
    }

    private void HandleForkFailure(CallOutcome o, CallLeg leg, ReceiveResponse r)
    {
        // RFC 4028 §7.4: a 422 names the Min-SE the UAS accepts; send the INVITE again once with that interval.
        if (r.Status == 422 && r.MinSe is { } minSe && leg.InviteCSeq == 1 && leg.Status != LegStatus.Cancelling)
        {
            var retry = leg with { InviteCSeq = 2, Dialog = leg.Dialog with { LocalCSeq = 2 } };
            o.Change(new ForkChanged(retry));
            var group = o.State.Ephemeral.Ringing!;
            o.Send(new SendInvite(o.CallId, retry, retry.LocalSdp, new SessionExpires(Math.Max(minSe, Settings.SessionInterval ?? 0)), minSe,
                group.Replaces, group.ReferredBy, group.DivertedFrom, group.DiversionReason, retry.Dialog.RouteSet));
            return;
        }

        var cancelled = leg.Status == LegStatus.Cancelling;
        o.Change(new ForkChanged(leg with { Status = LegStatus.Terminated, FinalStatus = r.Status, EndedAt = o.Now }));
        var current = o.State.Ephemeral.Ringing!;
        if (!cancelled)
        {
            current = current with { Failures = current.Failures.Add(r.Status) };
            o.Change(new RingGroupChanged(current));
        }

        CheckExhausted(o);
    }

    /// <summary>When no fork is pending, no lookup outstanding and no push device awaited, the group failed.</summary>
    private void CheckExhausted(CallOutcome o)
    {
        if (o.State.Ephemeral.Ringing is not { } group || group.LookupId is not null || group.PushWaits.Count > 0)
        {
            return;
        }

        if (group.LegIds.Any(id => o.State.FindLeg(id) is { IsPending: true }))
        {
            return;
        }

        var (reason, status) = Aggregate(group.Failures);
        GroupFailed(o, reason, status);
    }

    /// <summary>
    /// How failed forks add up: all busy (486/600) is busy, any decline (603) is a decline, all 404/604 is not found,
    /// anything else (480, 408, 5xx, push devices that never registered) is unreachable (480).
    /// </summary>
    internal static (EndReason Reason, int Status) Aggregate(IReadOnlyList<int> failures)
    {
        if (failures.Count > 0 && failures.All(s => s is 486 or 600))
        {
            return (EndReason.Busy, 486);
        }

        if (failures.Any(s => s == 603))
        {
            return (EndReason.Declined, 603);
        }

        if (failures.Count > 0 && failures.All(s => s is 404 or 604))
        {
            return (EndReason.NotFound, 404);
        }

        return (EndReason.Unreachable, 480);
    }

    /// <summary>
    /// The ring group failed: forward by the user's rule for the reason (busy, no answer, unreachable), else end what the
    /// group was for (the call, or the transfer).
    /// </summary>
    private void GroupFailed(CallOutcome o, EndReason reason, int status)
    {
        var group = o.State.Ephemeral.Ringing!;
        ForwardingKind? kind = reason switch
        {
            EndReason.Busy => ForwardingKind.Busy,
            EndReason.NoAnswer => ForwardingKind.NoAnswer,
            EndReason.Unreachable => ForwardingKind.Unreachable,
            _ => null,
        };
        if (kind is { } k && group.Purpose != RingPurpose.OwnDevice && group.Rule(k) is { } rule && TryForward(o, rule))
        {
            return;
        }

        CloseGroup(o);
        switch (group.Purpose)
        {
            case RingPurpose.TransferTarget:
                FailTransfer(o, reason, status);
                break;
            default:
                EndCall(o, reason, reason is EndReason.Busy or EndReason.Declined ? Disconnector.B : Disconnector.System, status);
                break;
        }
    }

    /// <summary>
    /// Forwards the ringing group to <paramref name="rule"/>'s target (RFC 3261 §21.1.3: the caller gets 181) unless the
    /// hop limit is reached or the target was already rung in this chain (a loop); false when not forwarded.
    /// </summary>
    private bool TryForward(CallOutcome o, ForwardingRule rule)
    {
        var group = o.State.Ephemeral.Ringing!;
        var target = LocalUserOf(rule.Target, HomeDomain(o.State));
        if (group.Hops >= Settings.MaxForwardingHops || (target is { } t && group.Visited.Contains(t.ToString())) || !IsCallableUri(rule.Target))
        {
            return false;
        }

        CloseGroup(o);
        if (group.Purpose == RingPurpose.Callee && o.State.CallerLeg is { IsPending: true, InviteKey: { } key } caller)
        {
            o.Respond(caller, key, new SipResponse(181, SipResponse.ReasonFor(181), LocalTag: caller.Dialog.LocalTag));
        }

        OpenGroup(o, group.Purpose, group.Side, group.Offer, rule.Target, target, group.Hops + 1, group.Visited,
            group.Replaces, group.ReferredBy, group.DestinationUri, rule.Kind);
        return true;
    }

    /// <summary>Closes the ringing group and CANCELs its pending forks (RFC 3261 §9.1).</summary>
    private static void CloseGroup(CallOutcome o)
    {
        if (o.State.Ephemeral.Ringing is not { } group)
        {
            return;
        }

        foreach (var id in group.LegIds)
        {
            if (o.State.Ephemeral.Forks.TryGetValue(id, out var fork) && fork.IsPending)
            {
                var cancelling = fork with { Status = LegStatus.Cancelling };
                o.Change(new ForkChanged(cancelling));
                o.Send(new SendCancel(o.CallId, cancelling));
            }
        }

        o.Change(new RingGroupClosed(group.GroupId));
    }

    private static SipDialog DialogFrom(SipDialog dialog, ReceiveResponse r) => dialog with
    {
        RemoteTag = r.RemoteTag ?? dialog.RemoteTag,
        RemoteTarget = r.RemoteTarget ?? dialog.RemoteTarget,
        RouteSet = r.RouteSet ?? dialog.RouteSet,
    };
}
