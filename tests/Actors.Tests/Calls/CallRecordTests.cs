using Cluster.Actors.Calls;
using static Cluster.Actors.Tests.Calls.CallTestKit;

namespace Cluster.Actors.Tests.Calls;

public sealed class CallRecordTests
{
    [Fact]
    public void Call_record_holds_parties_times_reason_side_nodes_and_every_leg()
    {
        var kit = new CallTestKit();
        kit.CallBob("sip:bob@192.0.2.2", "sip:bob@192.0.2.3");
        kit.Advance(TimeSpan.FromSeconds(7));
        kit.Ok(Response(kit.ForkTo("sip:bob@192.0.2.3"), 200, AnswerB));
        kit.Advance(TimeSpan.FromSeconds(120));
        kit.Ok(new ReceiveBye(kit.ForkTo("sip:bob@192.0.2.3").LegId, 1, "tx-bye"));

        var record = Assert.IsType<CallRecorded>(kit.Last.Events[^1]).Record;
        Assert.Equal(("call-1", CallKind.Sip), (record.CallId, record.Kind));
        Assert.Equal(Alice, record.Caller.User);
        Assert.Equal(Bob, record.Callee.User);
        Assert.Equal("sip:bob@192.0.2.3", record.AnsweredBy!.Uri);
        Assert.Equal((T0, T0.AddSeconds(7), T0.AddSeconds(127)), (record.StartedAt, record.AnsweredAt!.Value, record.EndedAt));
        Assert.Equal((7L, 120L), (record.RingSeconds, record.TalkSeconds));
        Assert.Equal((EndReason.Completed, Disconnector.B), (record.EndReason, record.DisconnectedBy));
        Assert.Null(record.FinalStatus);
        Assert.Equal(["node-a", "node-b"], record.Nodes);
        Assert.Equal(3, record.Legs.Count);
        Assert.Equal("a", record.Legs[0].LegId);
        Assert.Contains(record.Legs, l => l.TargetUri == "sip:bob@192.0.2.2" && l.AnsweredAt is null && l.Kind == LegKind.Device);
        Assert.All(record.Legs, l => Assert.NotNull(l.EndedAt));
        Assert.Equal(record, kit.State.Record);
    }

    [Fact]
    public void Describe_shows_a_live_call_with_its_forks_and_next_deadline()
    {
        var kit = new CallTestKit();
        kit.CallBob("sip:bob@192.0.2.2");
        var view = CallDecider.Describe(kit.State);
        Assert.True(view.Exists);
        Assert.Equal(CallPhase.Proceeding, view.Phase);
        Assert.Equal(2, view.Legs.Count);
        Assert.Equal(T0 + CallSettings.Default.RingTimeout, view.NextDeadline);
        Assert.False(CallDecider.Describe(CallState.Initial("nope")).Exists);
    }
}
