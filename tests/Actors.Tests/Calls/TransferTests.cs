using Cluster.Actors.Calls;
using static Cluster.Actors.Tests.Calls.CallTestKit;

namespace Cluster.Actors.Tests.Calls;

public sealed class TransferTests
{
    private static readonly string CarolOffer = Sdp("carol", 1, "sendrecv", "192.0.2.7");
    private static readonly string AliceAnswer = Sdp("alice", 2, "sendrecv", "192.0.2.1");

    [Fact]
    public void Blind_transfer_replaces_the_transferor_with_the_target_and_notifies_progress()
    {
        var kit = new CallTestKit();
        var bob = kit.Connected();

        kit.Ok(new ReceiveRefer(bob.LegId, 1, "tx-refer", "<sip:carol@example.com>", "<sip:bob@example.com>"));
        Assert.Equal(202, kit.ResponseTo("tx-refer").Response.Status);
        var trying = kit.Effect<SendNotify>(); // the INVITE used CSeq 1 on this dialog
        Assert.Equal(("SIP/2.0 100 Trying", false, 2L), (trying.SipFrag, trying.Terminated, trying.CSeq));
        Assert.Equal(CallPhase.Transferring, kit.State.Phase);
        Assert.Equal(Carol, kit.Effect<LookupTargets>().User);

        kit.Ok(new TargetsResolved(kit.LookupId, Targets(Binding("sip:carol@192.0.2.7", "node-c", "flow-c"))));
        var invite = kit.Effect<SendInvite>();
        Assert.Null(invite.Sdp);
        Assert.Equal("sip:alice@example.com", invite.Leg.Dialog.LocalUri);
        Assert.Equal("<sip:bob@example.com>", invite.ReferredBy);

        kit.Ok(Response(invite.Leg, 200, CarolOffer));
        var toAlice = kit.Effect<SendReinvite>();
        Assert.Equal(("a", CarolOffer, 1L), (toAlice.Leg.LegId, toAlice.Sdp, toAlice.CSeq));
        Assert.Empty(kit.Effects<SendAck>());

        kit.Ok(Response(kit.State.Legs["a"], 200, AliceAnswer, cseq: 1));
        var acks = kit.Effects<SendAck>();
        Assert.Contains(acks, a => a.Leg.LegId == "a" && a.Sdp is null);
        Assert.Contains(acks, a => a.Leg.LegId == invite.Leg.LegId && a.Sdp == AliceAnswer && a.CSeq == 1);
        var done = kit.Effect<SendNotify>();
        Assert.Equal(("SIP/2.0 200 OK", true, 3L), (done.SipFrag, done.Terminated, done.CSeq));
        Assert.Equal((bob.LegId, 4L), (kit.Effect<SendBye>().Leg.LegId, kit.Effect<SendBye>().CSeq));
        Assert.Equal(invite.Leg.LegId, kit.State.ConnectedLeg(LegSide.B)!.LegId);
        Assert.Equal(CallPhase.Answered, kit.State.Phase);
        Assert.Equal(1, kit.State.Transfers);

        kit.Ok(new ReceiveBye(invite.Leg.LegId, 1, "tx-bye"));
        Assert.Equal("a", kit.Effect<SendBye>().Leg.LegId);
        Assert.Equal(1, kit.State.Record!.Transfers);
    }

    [Fact]
    public void Failed_blind_transfer_notifies_the_status_and_keeps_the_call()
    {
        var kit = new CallTestKit();
        var bob = kit.Connected();
        kit.Ok(new ReceiveRefer(bob.LegId, 1, "tx-refer", "sip:dave@partner.org"));
        var fork = kit.Effect<SendInvite>().Leg;

        kit.Ok(Response(fork, 486));

        var notify = kit.Effect<SendNotify>();
        Assert.Equal(("SIP/2.0 486 Busy Here", true), (notify.SipFrag, notify.Terminated));
        Assert.Equal(CallPhase.Answered, kit.State.Phase);
        Assert.Equal(bob.LegId, kit.State.ConnectedLeg(LegSide.B)!.LegId);
        Assert.Null(kit.State.Transfer);
    }

    [Fact]
    public void Transferor_hanging_up_after_202_does_not_end_the_call_and_a_failure_then_does()
    {
        var kit = new CallTestKit();
        var bob = kit.Connected();
        kit.Ok(new ReceiveRefer(bob.LegId, 1, "tx-refer", "sip:dave@partner.org"));
        var fork = kit.Effect<SendInvite>().Leg;

        kit.Ok(new ReceiveBye(bob.LegId, 2, "tx-bye"));
        Assert.Equal(200, kit.ResponseTo("tx-bye").Response.Status);
        Assert.Empty(kit.Effects<SendBye>());
        Assert.Equal(CallPhase.Transferring, kit.State.Phase);

        kit.Ok(Response(fork, 480));
        Assert.Empty(kit.Effects<SendNotify>());
        Assert.Equal("a", kit.Effect<SendBye>().Leg.LegId);
        Assert.Equal(EndReason.Unreachable, kit.State.EndReason);
    }

    [Fact]
    public void Refer_is_refused_before_the_answer_and_during_another_transfer()
    {
        var kit = new CallTestKit();
        kit.Ok(StartCallToBob());
        kit.Rejected(new ReceiveRefer("a", 2, "tx", "sip:carol@example.com"), CallErrorCode.InvalidState, 403);

        var other = new CallTestKit();
        var bob = other.Connected();
        other.Ok(new ReceiveRefer(bob.LegId, 1, "tx-1", "sip:dave@partner.org"));
        other.Rejected(new ReceiveRefer(bob.LegId, 2, "tx-2", "sip:erin@partner.org"), CallErrorCode.Pending, 491);
        other.Rejected(new ReceiveRefer("a", 2, "tx-3", "not a uri"), CallErrorCode.Pending, 491);
    }

    [Fact]
    public void Refer_to_with_replaces_sends_the_replaces_header_to_the_target()
    {
        var kit = new CallTestKit();
        var bob = kit.Connected();
        kit.Ok(new ReceiveRefer(bob.LegId, 1, "tx-refer", "<sip:carol@192.0.2.7?Replaces=abc%40host%3Bto-tag%3Dx%3Bfrom-tag%3Dy>"));

        var invite = kit.Effect<SendInvite>();
        Assert.Empty(kit.Effects<LookupTargets>());
        Assert.Equal("sip:carol@192.0.2.7", invite.Leg.TargetUri);
        Assert.Equal("abc@host;to-tag=x;from-tag=y", invite.Replaces);
        Assert.True(kit.State.Transfer!.IsAttended);
    }

    [Fact]
    public void Attended_transfer_invite_with_replaces_takes_over_the_matching_leg()
    {
        var kit = new CallTestKit();
        var bob = kit.Connected();
        var replaces = new ReplacesHeader(bob.Dialog.SipCallId, bob.Dialog.LocalTag, bob.Dialog.RemoteTag!);
        var invite = new IncomingInvite("carol-call", "ctag", "ourtag2", "sip:alice@example.com", "sip:carol@example.com", "sip:carol@192.0.2.7",
            [], 1, new Cluster.Actors.Common.EdgeEndpoint("node-c", "flow-c"), "tx-replace", CarolOffer);

        kit.Ok(new ReceiveReplacingInvite(new CallParty("sip:carol@example.com", null, Carol), invite, replaces));
        var toAlice = kit.Effect<SendReinvite>();
        Assert.Equal(("a", CarolOffer), (toAlice.Leg.LegId, toAlice.Sdp));

        kit.Ok(Response(kit.State.Legs["a"], 200, AliceAnswer, cseq: toAlice.CSeq));
        var ok = kit.ResponseTo("tx-replace").Response;
        Assert.Equal((200, AliceAnswer, "ourtag2"), (ok.Status, ok.Sdp, ok.LocalTag));
        Assert.Equal(bob.LegId, kit.Effect<SendBye>().Leg.LegId);
        var carol = kit.State.ConnectedLeg(LegSide.B)!;
        Assert.Equal(LegKind.Replacing, carol.Kind);
        Assert.Equal(Carol, carol.User);
    }

    [Fact]
    public void Invite_with_replaces_for_no_matching_dialog_is_481()
    {
        var kit = new CallTestKit();
        kit.Connected();
        var invite = Invite(key: "tx-r", callId: "x", localTag: "t");
        kit.Rejected(new ReceiveReplacingInvite(new CallParty("sip:carol@example.com"), invite, new ReplacesHeader("nope", "a", "b")),
            CallErrorCode.NotFound, 481);
    }
}
