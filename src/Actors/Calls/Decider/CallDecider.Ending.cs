using Cluster.Actors.Common;
using Cluster.Actors.Users;

namespace Cluster.Actors.Calls;

/// <summary>Ending a call: CANCEL forks, answer a pending INVITE, BYE confirmed legs, journal the end and the call record.</summary>
public sealed partial class CallDecider
{
    /// <summary>
    /// Ends the call. <paramref name="status"/> answers the caller's INVITE when it is still pending (and any pending
    /// replacing INVITE); <paramref name="byeFrom"/> is the leg whose BYE ended it (it gets no BYE back).
    /// </summary>
    private static void EndCall(CallOutcome o, EndReason reason, Disconnector by, int? status, string? byeFrom = null)
    {
        CloseGroup(o);
        foreach (var fork in o.State.Ephemeral.Forks.Values.Where(f => f.Status == LegStatus.Connecting))
        {
            var ended = fork with { Status = LegStatus.Terminated, Dialog = fork.Dialog with { LocalCSeq = fork.Dialog.LocalCSeq + 1 }, EndedAt = o.Now };
            o.Change(new ForkChanged(ended));
            o.Send(new SendBye(o.CallId, ended, ended.Dialog.LocalCSeq));
        }

        var byes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var leg in o.State.Legs.Values)
        {
            if (leg.LegId == byeFrom || !leg.IsActive)
            {
                continue;
            }

            if (leg.Direction == LegDirection.Incoming && leg.Status == LegStatus.Trying && leg.InviteKey is { } key)
            {
                var final = status ?? 480;
                o.Respond(leg, key, new SipResponse(final, SipResponse.ReasonFor(final), LocalTag: leg.Dialog.LocalTag));
            }
            else if (leg.Status is LegStatus.Confirmed or LegStatus.Connecting)
            {
                byes[leg.LegId] = leg.Dialog.LocalCSeq + 1;
            }
        }

        var answered = o.State.IsAnswered;
        var parties = PartiesToRelease(o.State);
        o.Emit(new CallEnded(reason, by, answered ? null : status, byes, o.Now));
        foreach (var (legId, cseq) in byes)
        {
            o.Send(new SendBye(o.CallId, o.State.Legs[legId], cseq));
        }

        foreach (var user in parties)
        {
            o.Send(new InformUser(user, new ReportCallEnded(o.CallId) { CommandId = $"call-ended/{o.CallId}" }));
        }

        o.Emit(new CallRecorded(BuildRecord(o.State, o.Now)));
    }

    /// <summary>Local users who were told the call is active (at the answer): caller and every answered leg's user.</summary>
    private static IReadOnlyList<UserAddress> PartiesToRelease(CallState state)
    {
        if (!state.IsAnswered)
        {
            return [];
        }

        var users = new List<UserAddress>();
        if (state.Caller?.User is { } caller)
        {
            users.Add(caller);
        }

        users.AddRange(state.Legs.Values.Where(l => l.AnsweredAt is not null && l.User is not null).Select(l => l.User!.Value));
        return [.. users.Distinct()];
    }

    /// <summary>The call record from the ended state (durable legs plus the forks this entity saw).</summary>
    internal static CallRecord BuildRecord(CallState state, DateTimeOffset endedAt)
    {
        var started = state.StartedAt ?? endedAt;
        var legs = state.Legs.Values.Concat(state.Ephemeral.Forks.Values)
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.LegId, StringComparer.Ordinal)
            .Select(l => new LegRecord(l.LegId, l.Side, l.Direction, l.Kind, l.TargetUri, l.User, l.NodeId, l.CreatedAt, l.AnsweredAt,
                l.EndedAt ?? (l.IsActive ? endedAt : null), l.FinalStatus))
            .ToList();
        var answeredLeg = state.Legs.Values.Where(l => l.Side == LegSide.B && l.AnsweredAt is not null).OrderBy(l => l.AnsweredAt).FirstOrDefault();
        var answeredBy = answeredLeg is null ? null : new CallParty(answeredLeg.TargetUri, null, answeredLeg.User);
        var nodes = legs.Select(l => l.NodeId).Where(n => n is not null).Select(n => n!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var ringEnd = state.AnsweredAt ?? endedAt;
        return new CallRecord(state.CallId, state.Kind, state.Caller!, state.Callee!, answeredBy, started, state.AnsweredAt, endedAt,
            WholeSeconds(ringEnd - started), state.AnsweredAt is { } a ? WholeSeconds(endedAt - a) : 0, state.EndReason ?? EndReason.Failed,
            state.EndStatus, state.DisconnectedBy ?? Disconnector.System, nodes, legs, state.Transfers);
    }

    private static long WholeSeconds(TimeSpan span) => span <= TimeSpan.Zero ? 0 : (long)Math.Floor(span.TotalSeconds);

    private void HandleHangUp(CallOutcome o)
    {
        EndCall(o, EndReason.HungUp, Disconnector.System, 480);
    }
}
