using Cluster.Actors.Calls;
using static Cluster.Actors.Tests.Calls.CallTestKit;

namespace Cluster.Actors.Tests.Calls;

public sealed class ClickToDialTests
{
    private static readonly string DeviceOffer = Sdp("alice-desk", 1, "sendrecv", "192.0.2.1");
    private static readonly string DestinationOffer = Sdp("dave", 1, "sendrecv", "203.0.113.5");
    private static readonly string DeviceAnswer = Sdp("alice-desk", 2, "sendrecv", "192.0.2.1");

    [Fact]
    public void Click_to_dial_follows_rfc3725_flow_iv()
    {
        var kit = new CallTestKit();
        kit.Ok(new StartClickToDial(Alice, "sip:dave@partner.org") { CommandId = "web-1" });
        Assert.Equal(CallKind.ClickToDial, kit.State.Kind);
        Assert.Equal(Alice, kit.Effect<LookupTargets>().User);

        // 1. INVITE the user's own device without SDP, presenting the destination.
        kit.Ok(new TargetsResolved(kit.LookupId, Targets(Binding("sip:alice@192.0.2.1", "node-a", "flow-a1"))));
        var own = kit.Effect<SendInvite>();
        Assert.Null(own.Sdp);
        Assert.Equal("sip:dave@partner.org", own.Leg.Dialog.LocalUri);
        Assert.Equal(LegSide.A, own.Leg.Side);

        // 2-3. Device answers with offer1; ACK with an inactive answer; INVITE the destination without SDP.
        kit.Ok(Response(own.Leg, 200, DeviceOffer));
        var ack = kit.Effect<SendAck>();
        Assert.Contains("a=inactive", ack.Sdp, StringComparison.Ordinal);
        Assert.Contains("m=audio 6000 RTP/AVP 0", ack.Sdp, StringComparison.Ordinal);
        var destination = kit.Effect<SendInvite>();
        Assert.Null(destination.Sdp);
        Assert.Equal("sip:dave@partner.org", destination.Leg.TargetUri);
        Assert.Equal("sip:alice@example.com", destination.Leg.Dialog.LocalUri);

        // 4-6. Destination answers with offer2; re-INVITE the device with offer2.
        kit.Ok(Response(destination.Leg, 200, DestinationOffer));
        var reinvite = kit.Effect<SendReinvite>();
        Assert.Equal((own.Leg.LegId, DestinationOffer, 2L), (reinvite.Leg.LegId, reinvite.Sdp, reinvite.CSeq));
        Assert.Equal(CallPhase.Answered, kit.State.Phase);

        // 7-9. Device answers; ACK it, and ACK the destination with the device's answer.
        kit.Ok(Response(kit.State.Legs[own.Leg.LegId], 200, DeviceAnswer, cseq: 2));
        var acks = kit.Effects<SendAck>();
        Assert.Contains(acks, a => a.Leg.LegId == own.Leg.LegId && a.CSeq == 2 && a.Sdp is null);
        Assert.Contains(acks, a => a.Leg.LegId == destination.Leg.LegId && a.CSeq == 1 && a.Sdp == DeviceAnswer);
        Assert.Null(kit.State.Negotiation);
    }

    [Fact]
    public void Busy_destination_releases_the_users_device()
    {
        var kit = new CallTestKit();
        kit.Ok(new StartClickToDial(Alice, "sip:dave@partner.org"));
        kit.Ok(new TargetsResolved(kit.LookupId, Targets(Binding("sip:alice@192.0.2.1"))));
        var own = kit.Effect<SendInvite>().Leg;
        kit.Ok(Response(own, 200, DeviceOffer));
        var destination = kit.Effect<SendInvite>().Leg;

        kit.Ok(Response(destination, 486));

        Assert.Equal(own.LegId, kit.Effect<SendBye>().Leg.LegId);
        Assert.Equal(EndReason.Busy, kit.State.EndReason);
        Assert.Equal(486, kit.State.Record!.FinalStatus);
    }

    [Fact]
    public void Click_to_dial_to_a_bad_uri_is_refused()
    {
        var kit = new CallTestKit();
        kit.Rejected(new StartClickToDial(Alice, "mailto:dave@partner.org"), CallErrorCode.InvalidArgument, 400);
    }
}
