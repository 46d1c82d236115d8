using Cluster.Actors.Calls;
using static Cluster.Actors.Tests.Calls.CallTestKit;

namespace Cluster.Actors.Tests.Calls;

public sealed class MediaTests
{
    [Fact]
    public void Caller_holds_and_resumes_through_relayed_reinvites()
    {
        var kit = new CallTestKit();
        var bob = kit.Connected();
        var hold = Sdp("alice", 2, "sendonly", "192.0.2.1");

        kit.Ok(new ReceiveReinvite("a", 2, "tx-hold", hold));
        var relayed = kit.Effect<SendReinvite>();
        Assert.Equal(bob.LegId, relayed.Leg.LegId);
        Assert.Equal(hold, relayed.Sdp);
        Assert.Equal(2, relayed.CSeq);
        Assert.Empty(kit.Effects<SendResponse>());

        var held = Sdp("bob", 2, "recvonly", "192.0.2.2");
        kit.Ok(Response(bob, 200, held, cseq: 2));
        Assert.Equal(2, kit.Effect<SendAck>().CSeq);
        Assert.Equal(held, kit.ResponseTo("tx-hold").Response.Sdp);
        Assert.Equal(CallPhase.Held, kit.State.Phase);
        Assert.True(kit.State.HeldByA);
        Assert.Contains(kit.Last.Events, e => e is HoldChanged { Side: LegSide.A, Held: true });

        kit.Ok(new ReceiveReinvite("a", 3, "tx-resume", Sdp("alice", 3, "sendrecv", "192.0.2.1")));
        kit.Ok(Response(bob, 200, Sdp("bob", 3, "sendrecv", "192.0.2.2"), cseq: 3));
        Assert.Equal(CallPhase.Answered, kit.State.Phase);
        Assert.False(kit.State.HeldByA);
    }

    [Fact]
    public void Callee_holds_with_inactive_and_resumes()
    {
        var kit = new CallTestKit();
        var bob = kit.Connected();

        kit.Ok(new ReceiveReinvite(bob.LegId, 1, "tx-b-hold", Sdp("bob", 2, "inactive")));
        var toCaller = kit.Effect<SendReinvite>();
        Assert.Equal("a", toCaller.Leg.LegId);
        Assert.Equal(1, toCaller.CSeq);
        kit.Ok(Response(kit.State.Legs["a"], 200, Sdp("alice", 2, "inactive"), cseq: 1));
        Assert.True(kit.State.HeldByB);
        Assert.Equal(CallPhase.Held, kit.State.Phase);

        kit.Ok(new ReceiveReinvite(bob.LegId, 2, "tx-b-resume", Sdp("bob", 3, "sendrecv")));
        kit.Ok(Response(kit.State.Legs["a"], 200, Sdp("alice", 3, "sendrecv"), cseq: 2));
        Assert.False(kit.State.HeldByB);
        Assert.Equal(CallPhase.Answered, kit.State.Phase);
    }

    [Fact]
    public void Reinvite_glare_gets_491_and_our_491_is_retried_after_the_rfc_delay()
    {
        var kit = new CallTestKit();
        var bob = kit.Connected();
        kit.Ok(new ReceiveReinvite("a", 2, "tx-a", Sdp("alice", 2, "sendonly")));

        // Bob re-INVITEs at the same time: we have a re-INVITE out to him -> 491 (RFC 3261 §14.2).
        kit.Rejected(new ReceiveReinvite(bob.LegId, 1, "tx-b", Sdp("bob", 2, "sendonly")), CallErrorCode.Pending, 491);
        // Alice re-INVITEs again before her first is answered -> 500 with Retry-After.
        var overlap = kit.Rejected(new ReceiveReinvite("a", 3, "tx-a2", Sdp("alice", 3, "sendrecv")), CallErrorCode.Pending, 500);
        Assert.InRange(overlap.Response.RetryAfter!.Value, 0, 10);

        kit.Ok(Response(bob, 491, cseq: 2));
        var retryAt = kit.State.Negotiation!.RetryAt!.Value;
        Assert.InRange(retryAt - kit.Now, TimeSpan.FromMilliseconds(2100), TimeSpan.FromMilliseconds(4000));
        Assert.Equal(retryAt, kit.State.NextDeadline());

        kit.FireTimer();
        var retry = kit.Effect<SendReinvite>();
        Assert.Equal(3, retry.CSeq);
        kit.Ok(Response(bob, 200, Sdp("bob", 2, "recvonly"), cseq: 3));
        Assert.Equal(200, kit.ResponseTo("tx-a").Response.Status);
        Assert.True(kit.State.HeldByA);
    }

    [Fact]
    public void Update_with_an_offer_is_relayed_as_update_and_answered_with_the_peers_answer()
    {
        var kit = new CallTestKit();
        var bob = kit.Connected();

        kit.Ok(new ReceiveUpdate("a", 2, "tx-upd", Sdp("alice", 2, "sendrecv", "198.51.100.1")));
        var update = kit.Effect<SendUpdate>();
        Assert.Equal(bob.LegId, update.Leg.LegId);
        kit.Ok(Response(bob, 200, Sdp("bob", 2, "sendrecv"), cseq: 2, method: SipMethod.Update));

        Assert.Empty(kit.Effects<SendAck>());
        Assert.Equal(Sdp("bob", 2, "sendrecv"), kit.ResponseTo("tx-upd").Response.Sdp);
        Assert.Equal(Sdp("alice", 2, "sendrecv", "198.51.100.1"), kit.State.Legs["a"].RemoteSdp);
    }

    [Fact]
    public void A_refused_offer_is_answered_with_the_same_status_and_nothing_changes()
    {
        var kit = new CallTestKit();
        var bob = kit.Connected();
        kit.Ok(new ReceiveReinvite("a", 2, "tx-video", Sdp("alice", 2, "sendrecv")));
        kit.Ok(Response(bob, 488, cseq: 2));

        Assert.Equal(488, kit.ResponseTo("tx-video").Response.Status);
        Assert.Equal(OfferA, kit.State.Legs["a"].RemoteSdp);
        Assert.Null(kit.State.Negotiation);
    }

    [Fact]
    public void Reinvite_with_unchanged_sdp_is_answered_locally_and_stale_cseq_gets_500()
    {
        var kit = new CallTestKit();
        kit.Connected();

        kit.Ok(new ReceiveReinvite("a", 5, "tx-refresh", OfferA));
        Assert.Equal(AnswerB, kit.ResponseTo("tx-refresh").Response.Sdp);
        Assert.Empty(kit.Effects<SendReinvite>());

        kit.Rejected(new ReceiveReinvite("a", 5, "tx-old", Sdp("alice", 9, "sendonly")), CallErrorCode.OutOfOrder, 500);
    }

    [Fact]
    public void Offerless_reinvite_gets_the_current_session_and_a_changed_answer_is_offered_to_the_peer()
    {
        var kit = new CallTestKit();
        var bob = kit.Connected();

        kit.Ok(new ReceiveReinvite("a", 2, "tx-empty", null));
        Assert.Equal(AnswerB, kit.ResponseTo("tx-empty").Response.Sdp);

        var hold = Sdp("alice", 2, "sendonly");
        kit.Ok(new ReceiveAck("a", 2, hold));
        Assert.Equal(hold, kit.Effect<SendReinvite>().Sdp);
        Assert.True(kit.State.HeldByA);
        kit.Ok(Response(bob, 200, Sdp("bob", 2, "recvonly"), cseq: 2));
        Assert.Null(kit.State.Negotiation);
    }

    [Fact]
    public void Update_before_the_answer_is_refused()
    {
        var kit = new CallTestKit();
        kit.CallBob("sip:bob@192.0.2.2");
        kit.Rejected(new ReceiveUpdate("a", 2, "tx", OfferA), CallErrorCode.InvalidState, 403);
    }
}
