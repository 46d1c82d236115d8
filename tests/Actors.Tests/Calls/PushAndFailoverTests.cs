using Cluster.Actors.Calls;
using Cluster.Actors.Users;
using static Cluster.Actors.Tests.Calls.CallTestKit;

namespace Cluster.Actors.Tests.Calls;

public sealed class PushAndFailoverTests
{
    private static readonly PushDevice Phone = new("apns", "tok123", "com.example.voip", "com.example", "ios", T0);

    [Fact]
    public void Sleeping_app_is_woken_and_forked_to_when_it_registers()
    {
        var kit = new CallTestKit();
        kit.Ok(StartCallToBob());
        kit.Ok(new TargetsResolved(kit.LookupId, Targets() with { PushDevices = [Phone] }));
        var wake = kit.Effect<WakePushDevice>();
        Assert.Equal((Bob, "apns", "tok123"), (wake.User, wake.Provider, wake.Prid));
        Assert.Equal(T0.AddSeconds(10), kit.State.NextDeadline());
        Assert.Empty(kit.Effects<SendInvite>());

        kit.Advance(TimeSpan.FromSeconds(3));
        kit.Ok(new TargetRegistered(Bob, Binding("sip:bob@198.51.100.4;pn-provider=apns;pn-prid=tok123", "node-c", "flow-c")));
        var invite = kit.Effect<SendInvite>();
        Assert.Equal(LegKind.PushDevice, invite.Leg.Kind);
        Assert.Equal("node-c", invite.Leg.Flow!.NodeId);
        Assert.Empty(kit.State.Ephemeral.Ringing!.PushWaits);

        kit.Ok(Response(invite.Leg, 200, AnswerB));
        Assert.Equal(CallPhase.Answered, kit.State.Phase);
    }

    [Fact]
    public void Awake_app_with_a_live_binding_is_not_pushed_and_a_push_that_never_registers_is_unreachable()
    {
        var kit = new CallTestKit();
        kit.Ok(StartCallToBob());
        kit.Ok(new TargetsResolved(kit.LookupId, Targets(Binding("sip:bob@198.51.100.4;pn-prid=tok123")) with
        {
            PushDevices = [Phone, Phone with { Prid = "asleep" }],
        }));
        Assert.Equal("asleep", kit.Effect<WakePushDevice>().Prid);

        kit.Ok(Response(kit.ForkTo("sip:bob@198.51.100.4;pn-prid=tok123"), 480));
        Assert.False(kit.State.IsEnded);
        kit.FireTimer();
        Assert.Equal(480, kit.ResponseTo("tx-invite").Response.Status);
        Assert.Equal(EndReason.Unreachable, kit.State.EndReason);
    }

    [Fact]
    public void Call_recovered_while_ringing_ends_with_503_on_the_first_timer()
    {
        var kit = new CallTestKit();
        kit.CallBob("sip:bob@192.0.2.2");
        var recovered = CallState.Replay(kit.CallId, kit.Journal);
        Assert.True(recovered.IsOrphaned);
        Assert.Equal(kit.State.StartedAt, recovered.NextDeadline());

        var decision = kit.Decider.Decide(recovered, TimerDue.Instance, T0.AddSeconds(5));

        var response = Assert.Single(decision.Effects.OfType<SendResponse>());
        Assert.Equal(503, response.Response.Status);
        Assert.Equal(EndReason.Failover, decision.After.EndReason);
    }

    [Fact]
    public void Answered_call_survives_recovery_and_transfer_in_flight_fails_with_503()
    {
        var kit = new CallTestKit();
        var bob = kit.Connected();
        Assert.False(CallState.Replay(kit.CallId, kit.Journal).IsOrphaned);

        kit.Ok(new ReceiveRefer(bob.LegId, 1, "tx-refer", "sip:dave@partner.org"));
        var recovered = CallState.Replay(kit.CallId, kit.Journal);
        Assert.True(recovered.IsOrphaned);
        var decision = kit.Decider.Decide(recovered, TimerDue.Instance, T0.AddSeconds(5));

        var notify = Assert.Single(decision.Effects.OfType<SendNotify>());
        Assert.Equal("SIP/2.0 503 Service Unavailable", notify.SipFrag);
        Assert.Equal(CallPhase.Answered, decision.After.Phase);
    }
}
