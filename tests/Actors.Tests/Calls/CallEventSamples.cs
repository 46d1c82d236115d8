using Cluster.Actors.Calls;
using static Cluster.Actors.Tests.Calls.CallTestKit;

namespace Cluster.Actors.Tests.Calls;

/// <summary>Journals of real scenarios (transfer, glare, session refresh, hold), used for JSON round trips.</summary>
internal static class CallEventSamples
{
    public static IReadOnlyList<ICallEvent> Journal()
    {
        var kit = new CallTestKit();
        kit.CallBob("sip:bob@192.0.2.2");
        var bob = kit.ForkTo("sip:bob@192.0.2.2");
        kit.Ok(Response(bob, 200, AnswerB, se: new SessionExpires(600, "uac")) with { CommandId = "r-1" });
        kit.Ok(new ReceiveReinvite("a", 2, "tx-hold", Sdp("alice", 2, "sendonly")));
        kit.Ok(Response(kit.State.Legs[bob.LegId], 491, cseq: 2));
        kit.FireTimer();
        kit.Ok(Response(kit.State.Legs[bob.LegId], 200, Sdp("bob", 2, "recvonly"), cseq: 3));
        kit.Now = kit.State.Legs[bob.LegId].Timer!.RefreshDueAt;
        kit.Ok(TimerDue.Instance);
        var refresh = kit.Sent.OfType<SendUpdate>().Last(u => u.Leg.LegId == bob.LegId);
        kit.Ok(Response(kit.State.Legs[bob.LegId], 500, cseq: refresh.CSeq, method: SipMethod.Update));
        kit.Ok(new ReceiveRefer(bob.LegId, 2, "tx-refer", "sip:dave@partner.org"));
        var dave = kit.Sent.OfType<SendInvite>().Last().Leg;
        kit.Ok(Response(dave, 200, Sdp("dave", 1, "sendrecv")));
        kit.Ok(Response(kit.State.Legs["a"], 488, cseq: kit.State.Negotiation!.SentCSeq));
        kit.Ok(new ReceiveBye(bob.LegId, 3, "tx-bye"));

        var other = new CallTestKit(callId: "call-2");
        var b2 = other.Connected();
        other.Ok(new ReceiveBye(b2.LegId, 1, "tx-b"));
        return [.. kit.Journal, .. other.Journal];
    }

    public static CallSnapshot Snapshot()
    {
        var kit = new CallTestKit();
        kit.Connected();
        kit.Ok(new ReceiveReinvite("a", 2, "tx-hold", Sdp("alice", 2, "sendonly")) { CommandId = "c-1" });
        return CallSnapshot.From(kit.State);
    }
}
