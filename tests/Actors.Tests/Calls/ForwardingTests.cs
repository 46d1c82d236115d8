using Cluster.Actors.Calls;
using Cluster.Actors.Users;
using static Cluster.Actors.Tests.Calls.CallTestKit;

namespace Cluster.Actors.Tests.Calls;

public sealed class ForwardingTests
{
    private static CallTargetsReply WithRules(CallTargetsReply targets, params ForwardingRule[] rules) => targets with { Forwarding = rules };

    [Fact]
    public void Unconditional_forwarding_rings_the_target_without_ringing_the_devices()
    {
        var kit = new CallTestKit();
        kit.Ok(StartCallToBob());
        kit.Ok(new TargetsResolved(kit.LookupId, WithRules(Targets(Binding("sip:bob@192.0.2.2")),
            new ForwardingRule(ForwardingKind.Unconditional, "sip:+4930123@gw.partner.org", null))));

        var invite = kit.Effect<SendInvite>();
        Assert.Equal("sip:+4930123@gw.partner.org", invite.Leg.TargetUri);
        Assert.Equal(LegKind.Forwarded, invite.Leg.Kind);
        Assert.Equal("sip:bob@example.com", invite.DivertedFrom);
        Assert.Equal(ForwardingKind.Unconditional, invite.DiversionReason);
        Assert.Equal(181, kit.ResponseTo("tx-invite").Response.Status);
    }

    [Fact]
    public void Forwarding_to_a_local_user_looks_up_that_users_devices()
    {
        var kit = new CallTestKit();
        kit.Ok(StartCallToBob());
        kit.Ok(new TargetsResolved(kit.LookupId, WithRules(Targets(), new ForwardingRule(ForwardingKind.Unconditional, "sip:carol@example.com", null))));
        Assert.Equal(Carol, kit.Effect<LookupTargets>().User);

        kit.Ok(new TargetsResolved(kit.LookupId, Targets(Binding("sip:carol@192.0.2.7"))));
        kit.Ok(Response(kit.ForkTo("sip:carol@192.0.2.7"), 200, AnswerB));
        Assert.Equal(200, kit.ResponseTo("tx-invite").Response.Status);
    }

    [Fact]
    public void Busy_forwarding_applies_when_all_forks_are_busy()
    {
        var kit = new CallTestKit();
        kit.Ok(StartCallToBob());
        kit.Ok(new TargetsResolved(kit.LookupId, WithRules(Targets(Binding("sip:bob@192.0.2.2")),
            new ForwardingRule(ForwardingKind.Busy, "sip:voicemail@vm.example.net", null))));
        kit.Ok(Response(kit.ForkTo("sip:bob@192.0.2.2"), 486));

        var invite = kit.Effect<SendInvite>();
        Assert.Equal("sip:voicemail@vm.example.net", invite.Leg.TargetUri);
        Assert.Equal(ForwardingKind.Busy, invite.DiversionReason);
        Assert.False(kit.State.IsEnded);
    }

    [Fact]
    public void No_answer_forwarding_happens_after_the_rules_delay()
    {
        var kit = new CallTestKit();
        kit.Ok(StartCallToBob());
        kit.Ok(new TargetsResolved(kit.LookupId, WithRules(Targets(Binding("sip:bob@192.0.2.2")),
            new ForwardingRule(ForwardingKind.NoAnswer, "sip:voicemail@vm.example.net", 15))));
        var desk = kit.ForkTo("sip:bob@192.0.2.2");
        kit.Ok(Response(desk, 180));
        Assert.Equal(T0.AddSeconds(15), kit.State.NextDeadline());

        kit.FireTimer();

        Assert.Equal(desk.LegId, kit.Effect<SendCancel>().Leg.LegId);
        Assert.Equal("sip:voicemail@vm.example.net", kit.Effect<SendInvite>().Leg.TargetUri);
        Assert.Equal(181, kit.ResponseTo("tx-invite").Response.Status);
        Assert.Equal(T0.AddSeconds(15) + CallSettings.Default.RingTimeout, kit.State.NextDeadline());
    }

    [Fact]
    public void Unreachable_forwarding_applies_with_no_device_and_else_480()
    {
        var kit = new CallTestKit();
        kit.Ok(StartCallToBob());
        kit.Ok(new TargetsResolved(kit.LookupId, WithRules(Targets(), new ForwardingRule(ForwardingKind.Unreachable, "tel:+4930555", null))));
        Assert.Equal("tel:+4930555", kit.Effect<SendInvite>().Leg.TargetUri);

        kit.Ok(Response(kit.ForkTo("tel:+4930555"), 503));
        Assert.Equal(480, kit.ResponseTo("tx-invite").Response.Status);
        Assert.Equal(EndReason.Unreachable, kit.State.EndReason);
    }

    [Fact]
    public void A_forwarding_loop_stops_at_the_user_already_rung()
    {
        var kit = new CallTestKit();
        kit.Ok(StartCallToBob());
        kit.Ok(new TargetsResolved(kit.LookupId, WithRules(Targets(), new ForwardingRule(ForwardingKind.Unconditional, "sip:carol@example.com", null))));
        kit.Ok(new TargetsResolved(kit.LookupId, WithRules(Targets(), new ForwardingRule(ForwardingKind.Unconditional, "sip:bob@example.com", null))));

        Assert.Empty(kit.Effects<LookupTargets>());
        Assert.Equal(480, kit.ResponseTo("tx-invite").Response.Status);
    }

    [Fact]
    public void Remote_office_also_ring_rings_devices_and_the_external_target()
    {
        var kit = new CallTestKit();
        kit.Ok(StartCallToBob());
        kit.Ok(new TargetsResolved(kit.LookupId, Targets(Binding("sip:bob@192.0.2.2")) with
        {
            RemoteOffice = new RemoteOffice(true, "sip:+4930777@home.example.net", RemoteOfficeMode.AlsoRing),
        }));

        Assert.Equal(["sip:+4930777@home.example.net", "sip:bob@192.0.2.2"], kit.Effects<SendInvite>().Select(i => i.Leg.TargetUri).Order());
        var remote = kit.ForkTo("sip:+4930777@home.example.net");
        Assert.Equal(LegKind.RemoteOffice, remote.Kind);
        kit.Ok(Response(remote, 200, AnswerB));
        Assert.Single(kit.Effects<SendCancel>());
        Assert.Equal(LegKind.RemoteOffice, kit.State.ConnectedLeg(LegSide.B)!.Kind);
    }

    [Fact]
    public void Remote_office_only_ring_rings_just_the_external_target()
    {
        var kit = new CallTestKit();
        kit.Ok(StartCallToBob());
        kit.Ok(new TargetsResolved(kit.LookupId, Targets(Binding("sip:bob@192.0.2.2")) with
        {
            PushDevices = [new PushDevice("apns", "tok", null, null, "ios", T0)],
            RemoteOffice = new RemoteOffice(true, "sip:+4930777@home.example.net", RemoteOfficeMode.OnlyRing),
        }));

        Assert.Equal("sip:+4930777@home.example.net", kit.Effect<SendInvite>().Leg.TargetUri);
        Assert.Empty(kit.Effects<WakePushDevice>());
    }
}
