using Cluster.Actors.Calls;
using static Cluster.Actors.Tests.Calls.CallTestKit;

namespace Cluster.Actors.Tests.Calls;

public sealed class SessionTimerTests
{
    [Fact]
    public void Session_expires_below_min_se_is_refused_with_422()
    {
        var kit = new CallTestKit();
        var rejected = kit.Rejected(StartCallToBob(se: new SessionExpires(60)), CallErrorCode.IntervalTooSmall, 422);
        Assert.Equal(90, rejected.Response.MinSe);
        Assert.False(kit.State.Started);
    }

    [Fact]
    public void Caller_that_refreshes_too_late_gets_the_call_ended_with_bye_on_both_sides()
    {
        var kit = new CallTestKit(CallSettings.Default with { SessionInterval = null });
        kit.Ok(StartCallToBob(se: new SessionExpires(300), supportsTimer: true));
        kit.Ok(new TargetsResolved(kit.LookupId, Targets(Binding("sip:bob@192.0.2.2"))));
        kit.Advance(TimeSpan.FromSeconds(5));
        kit.Ok(Response(kit.ForkTo("sip:bob@192.0.2.2"), 200, AnswerB));
        var ok = kit.ResponseTo("tx-invite").Response;
        Assert.Equal(new SessionExpires(300, "uac"), ok.SessionExpires);
        Assert.True(ok.RequireTimer);

        // RFC 4028 §10: expiry = interval - min(32, interval/3) after the last refresh.
        Assert.Equal(T0.AddSeconds(5 + 268), kit.State.NextDeadline());
        kit.Advance(TimeSpan.FromSeconds(200));
        kit.Ok(new ReceiveReinvite("a", 2, "tx-refresh", OfferA, new SessionExpires(300, "uac")));
        Assert.Equal(new SessionExpires(300, "uac"), kit.ResponseTo("tx-refresh").Response.SessionExpires);
        Assert.Equal(kit.Now.AddSeconds(268), kit.State.NextDeadline());

        kit.FireTimer();
        Assert.Equal(EndReason.SessionExpired, kit.State.EndReason);
        Assert.Equal(2, kit.Effects<SendBye>().Count);
    }

    [Fact]
    public void We_refresh_a_leg_at_half_the_interval_with_update_and_renew_on_2xx()
    {
        var kit = new CallTestKit();
        kit.CallBob("sip:bob@192.0.2.2");
        var fork = kit.ForkTo("sip:bob@192.0.2.2");
        Assert.Equal(new SessionExpires(1800), kit.Effect<SendInvite>().SessionExpires);
        kit.Ok(Response(fork, 200, AnswerB, se: new SessionExpires(1800, "uac")));
        var leg = kit.State.Legs[fork.LegId];
        Assert.Equal(SessionRefresher.Us, leg.Timer!.Refresher);

        var refresh = kit.FireTimer();
        Assert.Equal(T0.AddSeconds(900), kit.Now);
        // Both legs refresh: the caller did not support timers, so we refresh its leg too (RFC 4028 §9, refresher=uas).
        Assert.Equal(["a", fork.LegId], kit.Effects<SendUpdate>().Select(u => u.Leg.LegId).Order());
        var update = Assert.Single(kit.Effects<SendUpdate>(), u => u.Leg.LegId == fork.LegId);
        Assert.Null(update.Sdp);
        Assert.Equal(new SessionExpires(1800, "uac"), update.SessionExpires);
        Assert.Contains(refresh.Events, e => e is SessionRefreshSent);

        kit.Advance(TimeSpan.FromSeconds(1));
        kit.Ok(Response(leg, 200, cseq: update.CSeq, method: SipMethod.Update, se: new SessionExpires(1800, "uac")));
        Assert.Equal(kit.Now.AddSeconds(900), kit.State.Legs[fork.LegId].Timer!.RefreshDueAt);
        Assert.Null(kit.State.Legs[fork.LegId].Timer!.PendingCSeq);
    }

    [Fact]
    public void Refresh_with_reinvite_when_update_is_not_allowed_and_481_ends_the_call()
    {
        var kit = new CallTestKit();
        kit.CallBob("sip:bob@192.0.2.2");
        var fork = kit.ForkTo("sip:bob@192.0.2.2");
        kit.Ok(Response(fork, 200, AnswerB, se: new SessionExpires(600, "uac"), allowsUpdate: false));

        kit.FireTimer();
        var reinvite = kit.Effect<SendReinvite>();
        Assert.Equal(OfferA, reinvite.Sdp);

        kit.Ok(Response(kit.State.Legs[fork.LegId], 481, cseq: reinvite.CSeq));
        Assert.Equal(EndReason.SessionExpired, kit.State.EndReason);
        Assert.Equal("a", kit.Effect<SendBye>().Leg.LegId);
    }
}
