using Cluster.Actors.Calls;
using Cluster.Actors.Users;
using static Cluster.Actors.Tests.Calls.CallTestKit;

namespace Cluster.Actors.Tests.Calls;

public sealed class BasicCallTests
{
    [Fact]
    public void Basic_call_rings_answers_and_ends_with_bye_relayed_to_the_other_side()
    {
        var kit = new CallTestKit();
        kit.Ok(StartCallToBob());
        Assert.Equal(CallPhase.Initiated, kit.State.Phase);
        var lookup = kit.Effect<LookupTargets>();
        Assert.Equal(Bob, lookup.User);

        kit.Ok(new TargetsResolved(lookup.LookupId, Targets(Binding("sip:bob@192.0.2.2"))));
        var invite = kit.Effect<SendInvite>();
        Assert.Equal(OfferA, invite.Sdp);
        Assert.Equal("sip:bob@192.0.2.2", invite.Leg.Dialog.RemoteTarget);
        Assert.Equal("sip:alice@example.com", invite.Leg.Dialog.LocalUri);
        Assert.True(CallLegIds.TryParse(invite.Leg.Dialog.SipCallId, out var callId, out var legId));
        Assert.Equal(("call-1", invite.Leg.LegId), (callId, legId));
        Assert.Equal(CallPhase.Proceeding, kit.State.Phase);

        kit.Ok(Response(invite.Leg, 180));
        Assert.Equal(180, kit.ResponseTo("tx-invite").Response.Status);
        Assert.Equal("ourtag", kit.ResponseTo("tx-invite").Response.LocalTag);
        Assert.Equal(CallPhase.Ringing, kit.State.Phase);

        kit.Ok(Response(invite.Leg, 200, AnswerB));
        var ok = kit.ResponseTo("tx-invite").Response;
        Assert.Equal(200, ok.Status);
        Assert.Equal(AnswerB, ok.Sdp);
        Assert.Equal(1, kit.Effect<SendAck>().CSeq);
        Assert.Equal(CallPhase.Answered, kit.State.Phase);
        Assert.Contains(kit.Last.Events, e => e is CallAnswered);
        Assert.Equal([Alice, Bob], kit.Effects<InformUser>().Select(i => i.User));

        kit.Advance(TimeSpan.FromSeconds(65));
        kit.Ok(new ReceiveBye(CallLeg.CallerLegId, 2, "tx-bye"));
        Assert.Equal(200, kit.ResponseTo("tx-bye").Response.Status);
        var bye = kit.Effect<SendBye>();
        Assert.Equal(invite.Leg.LegId, bye.Leg.LegId);
        Assert.Equal(2, bye.CSeq);
        Assert.Equal(CallPhase.Ended, kit.State.Phase);
        var record = Assert.IsType<CallRecorded>(kit.Last.Events.Last()).Record;
        Assert.Equal(EndReason.Completed, record.EndReason);
        Assert.Equal(Disconnector.A, record.DisconnectedBy);
        Assert.Equal(65, record.TalkSeconds);
        Assert.All(kit.Effects<InformUser>(), i => Assert.IsType<ReportCallEnded>(i.Command));
    }

    [Fact]
    public void Caller_cancel_before_answer_cancels_every_fork_and_answers_487()
    {
        var kit = new CallTestKit();
        kit.CallBob("sip:bob@192.0.2.2", "sip:bob@192.0.2.3");
        kit.Ok(Response(kit.ForkTo("sip:bob@192.0.2.2"), 180));

        kit.Ok(new ReceiveCancel(CallLeg.CallerLegId));

        Assert.Equal(2, kit.Effects<SendCancel>().Count);
        Assert.Equal(487, kit.ResponseTo("tx-invite").Response.Status);
        Assert.Equal(EndReason.Cancelled, kit.State.EndReason);
        Assert.Equal(Disconnector.A, kit.State.DisconnectedBy);
        Assert.Empty(kit.Effects<SendBye>());
    }

    [Fact]
    public void Busy_from_every_fork_answers_486()
    {
        var kit = new CallTestKit();
        kit.CallBob("sip:bob@192.0.2.2", "sip:bob@192.0.2.3");
        kit.Ok(Response(kit.ForkTo("sip:bob@192.0.2.2"), 486));
        Assert.False(kit.State.IsEnded);
        kit.Ok(Response(kit.ForkTo("sip:bob@192.0.2.3"), 486));

        Assert.Equal(486, kit.ResponseTo("tx-invite").Response.Status);
        Assert.Equal(EndReason.Busy, kit.State.EndReason);
        Assert.Equal(486, kit.State.Record!.FinalStatus);
    }

    [Fact]
    public void Do_not_disturb_user_is_busy_without_ringing()
    {
        var kit = new CallTestKit();
        kit.Ok(StartCallToBob());
        kit.Ok(new TargetsResolved(kit.LookupId, Targets(Binding("sip:bob@192.0.2.2")) with { Availability = Availability.DoNotDisturb }));

        Assert.Empty(kit.Effects<SendInvite>());
        Assert.Equal(486, kit.ResponseTo("tx-invite").Response.Status);
    }

    [Fact]
    public void Decline_from_one_fork_wins_over_unavailable_elsewhere()
    {
        var kit = new CallTestKit();
        kit.CallBob("sip:bob@192.0.2.2", "sip:bob@192.0.2.3");
        kit.Ok(Response(kit.ForkTo("sip:bob@192.0.2.2"), 480));
        kit.Ok(Response(kit.ForkTo("sip:bob@192.0.2.3"), 603));

        Assert.Equal(603, kit.ResponseTo("tx-invite").Response.Status);
        Assert.Equal(EndReason.Declined, kit.State.EndReason);
        Assert.Equal(Disconnector.B, kit.State.DisconnectedBy);
    }

    [Fact]
    public void No_answer_times_out_with_480_and_cancels_the_forks()
    {
        var kit = new CallTestKit(CallSettings.Default with { RingTimeout = TimeSpan.FromSeconds(30) });
        kit.CallBob("sip:bob@192.0.2.2");
        kit.Ok(Response(kit.ForkTo("sip:bob@192.0.2.2"), 180));
        Assert.Equal(T0.AddSeconds(30), kit.State.NextDeadline());

        kit.FireTimer();

        Assert.Single(kit.Effects<SendCancel>());
        Assert.Equal(480, kit.ResponseTo("tx-invite").Response.Status);
        Assert.Equal(EndReason.NoAnswer, kit.State.EndReason);
        Assert.Null(kit.State.NextDeadline());
    }

    [Fact]
    public void User_without_devices_is_unreachable_and_unknown_user_is_404()
    {
        var kit = new CallTestKit();
        kit.CallBob();
        Assert.Equal(480, kit.ResponseTo("tx-invite").Response.Status);
        Assert.Equal(EndReason.Unreachable, kit.State.EndReason);

        var unknown = new CallTestKit();
        unknown.Ok(StartCallToBob());
        unknown.Ok(new TargetsResolved(unknown.LookupId, null));
        Assert.Equal(404, unknown.ResponseTo("tx-invite").Response.Status);
        Assert.Equal(EndReason.NotFound, unknown.State.EndReason);
    }

    [Fact]
    public void External_callee_gets_one_leg_routed_by_uri()
    {
        var kit = new CallTestKit();
        kit.Ok(new StartCall(new CallParty("sip:alice@example.com", null, Alice), new CallParty("sip:dave@partner.org"), Invite()));

        var invite = kit.Effect<SendInvite>();
        Assert.Empty(kit.Effects<LookupTargets>());
        Assert.Equal("sip:dave@partner.org", invite.Leg.TargetUri);
        Assert.Null(invite.Leg.Flow);
        Assert.Equal(LegKind.External, invite.Leg.Kind);
    }

    [Fact]
    public void Requests_for_unknown_calls_legs_and_ended_calls_are_481()
    {
        var kit = new CallTestKit();
        kit.Rejected(new ReceiveBye("a", 2, "tx"), CallErrorCode.NotFound, 481);

        kit.Connected();
        kit.Rejected(new ReceiveBye("zz", 2, "tx"), CallErrorCode.NotFound, 481);
        kit.Ok(new ReceiveBye("a", 2, "tx-bye"));
        kit.Rejected(new ReceiveBye("a", 3, "tx-bye-2"), CallErrorCode.Ended, 481);
        kit.Rejected(StartCallToBob() with { CommandId = "tx-other" }, CallErrorCode.AlreadyExists, 482);
    }

    [Fact]
    public void Delayed_offer_passes_the_callees_offer_to_the_caller_and_the_answer_back_in_the_ack()
    {
        var kit = new CallTestKit();
        kit.Ok(StartCallToBob(sdp: null));
        kit.Ok(new TargetsResolved(kit.LookupId, Targets(Binding("sip:bob@192.0.2.2"))));
        var fork = kit.ForkTo("sip:bob@192.0.2.2");
        Assert.Null(kit.Effect<SendInvite>().Sdp);

        kit.Ok(Response(fork, 200, AnswerB));
        Assert.Equal(AnswerB, kit.ResponseTo("tx-invite").Response.Sdp);
        Assert.Empty(kit.Effects<SendAck>());

        kit.Ok(new ReceiveAck(CallLeg.CallerLegId, 1, OfferA));
        var ack = kit.Effect<SendAck>();
        Assert.Equal(OfferA, ack.Sdp);
        Assert.Equal(fork.LegId, ack.Leg.LegId);
        Assert.Null(kit.State.Negotiation);
    }

    [Fact]
    public void Hang_up_from_the_api_byes_both_sides()
    {
        var kit = new CallTestKit();
        kit.Connected();
        kit.Ok(new HangUp("operator"));
        Assert.Equal(2, kit.Effects<SendBye>().Count);
        Assert.Equal(EndReason.HungUp, kit.State.Record!.EndReason);
        Assert.Equal(Disconnector.System, kit.State.Record.DisconnectedBy);
    }
}
