using Cluster.Actors.Calls;
using static Cluster.Actors.Tests.Calls.CallTestKit;

namespace Cluster.Actors.Tests.Calls;

public sealed class ForkingTests
{
    [Fact]
    public void Every_binding_is_forked_and_the_first_2xx_wins_while_the_others_are_cancelled()
    {
        var kit = new CallTestKit();
        kit.CallBob("sip:bob@192.0.2.2", "sip:bob@192.0.2.3", "sip:bob@192.0.2.4");
        Assert.Equal(3, kit.Effects<SendInvite>().Count);
        Assert.Equal(3, kit.Effects<SendInvite>().Select(i => i.Leg.Dialog.SipCallId).Distinct().Count());
        var desk = kit.ForkTo("sip:bob@192.0.2.2");
        var mobile = kit.ForkTo("sip:bob@192.0.2.3");
        kit.Ok(Response(desk, 180));
        kit.Ok(Response(mobile, 180));
        Assert.Single(kit.Sent.OfType<SendResponse>(), r => r.Response.Status == 180);

        kit.Ok(Response(mobile, 200, AnswerB));

        Assert.Equal([desk.LegId, kit.ForkTo("sip:bob@192.0.2.4").LegId], kit.Effects<SendCancel>().Select(c => c.Leg.LegId).Order());
        Assert.Equal(mobile.LegId, kit.State.ConnectedLeg(LegSide.B)!.LegId);
        Assert.Equal(200, kit.ResponseTo("tx-invite").Response.Status);

        kit.Ok(Response(desk, 487));
        Assert.Empty(kit.Last.Effects);
        Assert.Equal(CallPhase.Answered, kit.State.Phase);
    }

    [Fact]
    public void A_late_2xx_from_another_fork_is_acked_and_ended_with_bye()
    {
        var kit = new CallTestKit();
        kit.CallBob("sip:bob@192.0.2.2", "sip:bob@192.0.2.3");
        var desk = kit.ForkTo("sip:bob@192.0.2.2");
        var mobile = kit.ForkTo("sip:bob@192.0.2.3");
        kit.Ok(Response(desk, 200, AnswerB));

        // RFC 3261 §13.2.2.4: the mobile answered before our CANCEL reached it.
        kit.Ok(Response(mobile, 200, AnswerB));

        var ack = kit.Effect<SendAck>();
        var bye = kit.Effect<SendBye>();
        Assert.Equal(mobile.LegId, ack.Leg.LegId);
        Assert.Equal($"tag-{mobile.LegId}", bye.Leg.Dialog.RemoteTag);
        Assert.Equal(2, bye.CSeq);
        Assert.Equal(desk.LegId, kit.State.ConnectedLeg(LegSide.B)!.LegId);
        Assert.Empty(kit.Effects<SendResponse>());
    }

    [Fact]
    public void Early_media_of_the_first_fork_is_relayed_and_later_forks_are_not()
    {
        var kit = new CallTestKit();
        kit.CallBob("sip:bob@192.0.2.2", "sip:bob@192.0.2.3");
        var first = kit.ForkTo("sip:bob@192.0.2.2");
        var second = kit.ForkTo("sip:bob@192.0.2.3");

        kit.Ok(Response(first, 183, AnswerB));
        var progress = kit.ResponseTo("tx-invite").Response;
        Assert.Equal(183, progress.Status);
        Assert.Equal(AnswerB, progress.Sdp);
        Assert.Equal(CallPhase.EarlyMedia, kit.State.Phase);

        kit.Ok(Response(second, 183, Sdp("other", 1, "sendrecv")));
        Assert.Empty(kit.Effects<SendResponse>());
        kit.Ok(Response(second, 180));
        Assert.Empty(kit.Effects<SendResponse>());
        Assert.Equal(CallPhase.EarlyMedia, kit.State.Phase);
    }

    [Fact]
    public void A_422_from_a_fork_is_retried_once_with_its_min_se()
    {
        var kit = new CallTestKit();
        kit.CallBob("sip:bob@192.0.2.2");
        var fork = kit.ForkTo("sip:bob@192.0.2.2");

        kit.Ok(Response(fork, 422, minSe: 3600));

        var retry = kit.Effect<SendInvite>();
        Assert.Equal(2, retry.Leg.InviteCSeq);
        Assert.Equal(3600, retry.SessionExpires!.DeltaSeconds);
        Assert.Equal(3600, retry.MinSe);
        kit.Ok(Response(retry.Leg, 200, AnswerB, se: new SessionExpires(3600, "uac")));
        Assert.Equal(2, kit.Effect<SendAck>().CSeq);
    }

    [Fact]
    public void Responses_of_forks_lost_in_a_failover_are_cancelled_or_acked_and_byed()
    {
        var kit = new CallTestKit();
        kit.Connected();
        var stray = new ReceiveResponse("b9-dead", SipMethod.Invite, 1, 200, "OK", AnswerB, "t9", "sip:bob@192.0.2.9", [], SipCallId: "b9-dead~call-1", LocalTag: "lt9");

        kit.Ok(stray);
        Assert.Equal("lt9", kit.Effect<SendAck>().Leg.Dialog.LocalTag);
        Assert.Equal(2, kit.Effect<SendBye>().CSeq);

        kit.Ok(stray with { Status = 180, Reason = "Ringing", CommandId = "r2" });
        Assert.Single(kit.Effects<SendCancel>());
    }
}
