using Cluster.Actors.Common;
using Cluster.Actors.Users;

namespace Cluster.Actors.Calls;

/// <summary>Call setup: the caller's INVITE, click-to-dial, target lookup, and session-timer negotiation as UAS.</summary>
public sealed partial class CallDecider
{
    private void HandleStartCall(CallOutcome o, StartCall c)
    {
        var invite = c.Invite;
        if (o.State.Started)
        {
            o.Reject(CallErrorCode.AlreadyExists, $"call {o.CallId} already exists", 482);
            return;
        }

        if (invite is null || c.Caller is null || c.Callee is null || string.IsNullOrWhiteSpace(invite.TransactionKey)
            || string.IsNullOrWhiteSpace(invite.RemoteTag) || string.IsNullOrWhiteSpace(invite.LocalTag) || invite.Flow is null || !invite.Flow.IsValid)
        {
            o.Reject(CallErrorCode.InvalidArgument, "the INVITE lacks a transaction key, tags, flow or parties", 400);
            return;
        }

        if (!TryNegotiateAsUas(o, invite, out var timer))
        {
            return;
        }

        var leg = IncomingLeg(CallLeg.CallerLegId, LegSide.A, LegKind.Caller, c.Caller.User, invite, timer, o.Now);
        o.Emit(new CallStarted(o.CallId, CallKind.Sip, c.Caller, c.Callee, leg, o.Now));
        OpenGroup(o, RingPurpose.Callee, LegSide.B, invite.Sdp, c.Callee.Uri, c.Callee.User, hops: 0, visited: []);
    }

    private void HandleClickToDial(CallOutcome o, StartClickToDial c)
    {
        if (o.State.Started)
        {
            o.Reject(CallErrorCode.AlreadyExists, $"call {o.CallId} already exists", 482);
            return;
        }

        if (c.User.IsEmpty || string.IsNullOrWhiteSpace(c.DestinationUri) || !IsCallableUri(c.DestinationUri))
        {
            o.Reject(CallErrorCode.InvalidArgument, "click-to-dial needs a user and a sip:, sips: or tel: destination", 400);
            return;
        }

        var userUri = $"sip:{c.User}";
        var caller = new CallParty(userUri, c.DisplayName, c.User);
        var callee = new CallParty(c.DestinationUri.Trim(), null, LocalUserOf(c.DestinationUri, c.User.Domain));
        o.Emit(new CallStarted(o.CallId, CallKind.ClickToDial, caller, callee, null, o.Now));
        OpenGroup(o, RingPurpose.OwnDevice, LegSide.A, null, userUri, c.User, hops: 0, visited: [], deviceKey: c.DeviceKey);
    }

    /// <summary>
    /// RFC 4028 §9 as UAS: refuse a Session-Expires below our Min-SE with 422; take the caller's interval and refresher
    /// (the caller refreshes when it supports timers and did not choose); with no Session-Expires, insert ours (we
    /// refresh when the caller does not support timers).
    /// </summary>
    private bool TryNegotiateAsUas(CallOutcome o, IncomingInvite invite, out SessionTimer? timer)
    {
        timer = null;
        var floor = Math.Max(Settings.MinSessionExpires, invite.MinSe ?? 0);
        if (invite.SessionExpires is { } se)
        {
            if (se.DeltaSeconds < Settings.MinSessionExpires)
            {
                o.Reject(CallErrorCode.IntervalTooSmall, $"Session-Expires {se.DeltaSeconds}s is below our Min-SE {Settings.MinSessionExpires}s",
                    new SipResponse(422, SipResponse.ReasonFor(422), MinSe: Settings.MinSessionExpires));
                return false;
            }

            var refresher = se.Refresher switch
            {
                SessionExpires.Uac => SessionRefresher.Them,
                SessionExpires.Uas => SessionRefresher.Us,
                _ => invite.SupportsTimer ? SessionRefresher.Them : SessionRefresher.Us,
            };
            timer = new SessionTimer(se.DeltaSeconds, refresher, o.Now);
            return true;
        }

        if (Settings.SessionInterval is { } ours)
        {
            timer = new SessionTimer(Math.Max(ours, floor), invite.SupportsTimer ? SessionRefresher.Them : SessionRefresher.Us, o.Now);
        }

        return true;
    }

    /// <summary>RFC 4028 §7.2 as UAC: the 2xx's Session-Expires decides; without one there is no session timer.</summary>
    private static SessionTimer? NegotiateAsUac(ReceiveResponse r, DateTimeOffset now) =>
        r.SessionExpires is { } se
            ? new SessionTimer(se.DeltaSeconds, se.Refresher == SessionExpires.Uas ? SessionRefresher.Them : SessionRefresher.Us, now)
            : null;

    private static CallLeg IncomingLeg(string legId, LegSide side, LegKind kind, UserAddress? user, IncomingInvite invite, SessionTimer? timer, DateTimeOffset now)
    {
        var dialog = new SipDialog(invite.SipCallId, invite.LocalTag, invite.RemoteTag, invite.LocalUri, invite.RemoteUri, invite.RemoteTarget,
            invite.RouteSet ?? [], 0, invite.CSeq);
        return new CallLeg(legId, side, LegDirection.Incoming, kind, invite.LocalUri, user, invite.Flow, dialog, LegStatus.Trying, invite.CSeq,
            null, invite.Sdp, invite.AllowsUpdate, timer, null, now, InviteKey: invite.TransactionKey);
    }

    private static bool IsCallableUri(string uri)
    {
        var text = uri.Trim().TrimStart('<');
        return (text.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("sips:", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)) && text.Length > 4 && !text.Any(char.IsWhiteSpace);
    }

    /// <summary>
    /// Starts ringing a destination: a local user is looked up first (devices, push, forwarding, remote office); any
    /// other URI gets one leg routed by the edge.
    /// </summary>
    private void OpenGroup(CallOutcome o, RingPurpose purpose, LegSide side, string? offer, string destinationUri, UserAddress? user, int hops,
        IReadOnlyList<string> visited, string? replaces = null, string? referredBy = null, string? divertedFrom = null,
        ForwardingKind? diversionReason = null, string? deviceKey = null)
    {
        var groupId = NextId(o, "g");
        var group = new RingGroup(groupId, purpose, side, offer, destinationUri, user, null, [], [], [], null, null, [], hops, [.. visited],
            replaces, referredBy, divertedFrom, diversionReason);
        if (user is { } local && replaces is null)
        {
            var lookupId = NextId(o, "q") + (deviceKey is null ? string.Empty : "#" + deviceKey);
            group = group with { LookupId = lookupId, Visited = group.Visited.Add(local.ToString()) };
            o.Change(new RingGroupChanged(group));
            o.Send(new LookupTargets(o.CallId, lookupId, local));
            return;
        }

        group = group with { NoAnswerAt = o.Now + Settings.RingTimeout };
        o.Change(new RingGroupChanged(group));
        var kind = hops > 0 ? LegKind.Forwarded : LegKind.External;
        StartFork(o, new ForkTarget(destinationUri, kind, null, null, []));
    }

    private void HandleTargetsResolved(CallOutcome o, TargetsResolved c)
    {
        if (o.State.Ephemeral.Ringing is not { } group || group.LookupId != c.LookupId)
        {
            return;
        }

        var deviceKey = c.LookupId.Contains('#', StringComparison.Ordinal) ? c.LookupId[(c.LookupId.IndexOf('#', StringComparison.Ordinal) + 1)..] : null;
        group = group with { LookupId = null };
        o.Change(new RingGroupChanged(group));
        if (c.Targets is not { } targets)
        {
            GroupFailed(o, EndReason.NotFound, 404);
            return;
        }

        var applyRules = group.Purpose != RingPurpose.OwnDevice;
        if (applyRules)
        {
            group = group with { Rules = [.. targets.Forwarding] };
            o.Change(new RingGroupChanged(group));
            if (group.Rule(ForwardingKind.Unconditional) is { } always && TryForward(o, always))
            {
                return;
            }

            var busy = targets.Availability == Availability.DoNotDisturb || (Settings.BusyWhenInCall && targets.InCall);
            if (busy)
            {
                GroupFailed(o, EndReason.Busy, 486);
                return;
            }
        }

        var forks = new List<ForkTarget>();
        var remote = applyRules && targets.RemoteOffice is { Enabled: true } ro ? ro : null;
        var onlyRemote = remote?.Mode == RemoteOfficeMode.OnlyRing;
        var bindings = targets.Bindings.Where(b => deviceKey is null || b.Key == deviceKey).ToList();
        if (!onlyRemote)
        {
            forks.AddRange(bindings.Select(b => new ForkTarget(b.ContactUri, LegKind.Device, group.User, b.Flow, b.Path)));
        }

        if (remote is not null)
        {
            forks.Add(new ForkTarget(remote.Target, LegKind.RemoteOffice, null, null, []));
        }

        var asleep = onlyRemote || deviceKey is not null
            ? []
            : targets.PushDevices.Where(d => !targets.Bindings.Any(b => ContactNamesDevice(b.ContactUri, d.Prid))).ToList();
        if (forks.Count == 0 && asleep.Count == 0)
        {
            GroupFailed(o, EndReason.Unreachable, 480);
            return;
        }

        var noAnswerRule = applyRules ? group.Rule(ForwardingKind.NoAnswer) : null;
        var ring = noAnswerRule is null
            ? Settings.RingTimeout
            : noAnswerRule.NoAnswerSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : Settings.DefaultNoAnswer;
        var until = o.Now + Settings.PushWait;
        group = group with
        {
            NoAnswerAt = o.Now + ring,
            NoAnswerRule = noAnswerRule,
            PushWaits = [.. asleep.Select(d => new PushWait(d.Key, d.Provider, d.Prid, until))],
        };
        o.Change(new RingGroupChanged(group));
        foreach (var device in asleep)
        {
            o.Send(new WakePushDevice(o.CallId, group.User!.Value, device.Provider, device.Prid, device.Param, until));
        }

        foreach (var target in forks)
        {
            StartFork(o, target);
        }
    }

    private void HandleTargetRegistered(CallOutcome o, TargetRegistered c)
    {
        if (o.State.Ephemeral.Ringing is not { LookupId: null } group || group.User != c.User || c.Binding is null)
        {
            return;
        }

        var already = group.LegIds.Select(id => o.State.FindLeg(id)).Any(l => l is not null && l.TargetUri == c.Binding.ContactUri && l.IsActive);
        if (already)
        {
            return;
        }

        var woken = group.PushWaits.FirstOrDefault(w => ContactNamesDevice(c.Binding.ContactUri, w.Prid));
        if (woken is not null)
        {
            o.Change(new RingGroupChanged(group with { PushWaits = group.PushWaits.Remove(woken) }));
        }
        else if (group.Purpose == RingPurpose.OwnDevice)
        {
            return;
        }

        StartFork(o, new ForkTarget(c.Binding.ContactUri, woken is null ? LegKind.Device : LegKind.PushDevice, c.User, c.Binding.Flow, c.Binding.Path));
    }

    /// <summary>RFC 8599 §4.1: a push-capable app puts pn-prid into its Contact URI, which ties a binding to its push device.</summary>
    private static bool ContactNamesDevice(string contactUri, string prid) =>
        contactUri.Contains($"pn-prid={prid}", StringComparison.Ordinal);
}
