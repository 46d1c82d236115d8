using Cluster.Actors.Users;
using static Cluster.Actors.Tests.Users.UserTestKit;

namespace Cluster.Actors.Tests.Users;

public sealed class DeviceAndForwardingTests
{
    [Fact]
    public void Sessions_are_ephemeral_and_expire_without_a_heartbeat()
    {
        var kit = Created();
        var decision = kit.Ok(new AnnounceSession(Flow("s1", "node-c"), "ProCall Web", 60));
        Assert.Empty(decision.Events);
        Assert.IsType<SessionAnnounced>(Assert.Single(decision.Ephemeral));

        kit.Now = T0.AddSeconds(60);
        Assert.Equal(Availability.Offline, kit.State.PresenceAt(kit.Now).Availability);
        var expired = kit.Ok(ExpireDue.Instance);
        Assert.Contains(expired.Ephemeral, c => c is SessionClosed);
        Assert.Empty(kit.State.Ephemeral.Sessions);
    }

    [Fact]
    public void Session_heartbeat_keeps_the_first_open_time_and_close_removes_it()
    {
        var kit = Created();
        kit.Ok(new AnnounceSession(Flow("s1", "node-c"), "Web", 60));
        kit.Advance(TimeSpan.FromSeconds(30));
        kit.Ok(new AnnounceSession(Flow("s1", "node-c"), "Web", 60));

        var session = Assert.Single(kit.State.Ephemeral.Sessions.Values);
        Assert.Equal(T0, session.OpenedAt);
        Assert.Equal(kit.Now.AddSeconds(60), session.ExpiresAt);

        kit.Ok(new CloseSession(Flow("s1", "node-c")));
        Assert.Empty(kit.State.Ephemeral.Sessions);
    }

    [Fact]
    public void Too_many_sessions_and_bad_ttl_are_refused()
    {
        var kit = Created();
        kit.Ok(new AnnounceSession(Flow("s1"), "Web", 60));
        kit.Ok(new AnnounceSession(Flow("s2"), "Web", 60));
        kit.Rejected(new AnnounceSession(Flow("s3"), "Web", 60), UserErrorCode.LimitExceeded);
        kit.Rejected(new AnnounceSession(Flow("s1"), "Web", 0), UserErrorCode.InvalidArgument);
    }

    [Fact]
    public void Push_device_registers_lists_and_removes_and_an_identical_update_writes_nothing()
    {
        var kit = Created();
        var added = kit.Ok(new RegisterPushDevice("APNS", "token-1", "ABCD1234.com.example.app.voip", "com.example.app", "ios"));
        var device = Assert.IsType<PushDeviceRegistered>(Assert.Single(added.Events)).Device;
        Assert.Equal("apns", device.Provider);

        Assert.Empty(kit.Ok(new RegisterPushDevice("apns", "token-1", "ABCD1234.com.example.app.voip", "com.example.app", "ios")).Events);
        Assert.IsType<PushDeviceRegistered>(Assert.Single(kit.Ok(new RegisterPushDevice("apns", "token-1", "NEWTOPIC", "com.example.app", "ios")).Events));

        var list = Assert.IsType<PushDevicesReply>(kit.Ask(GetPushDevices.Instance));
        Assert.Equal("NEWTOPIC", Assert.Single(list.Devices).Param);

        Assert.IsType<PushDeviceRemoved>(Assert.Single(kit.Ok(new RemovePushDevice("apns", "token-1")).Events));
        Assert.Empty(kit.State.PushDevices);
        kit.Rejected(new RemovePushDevice("apns", "token-1"), UserErrorCode.NoSuchItem);
    }

    [Fact]
    public void Push_device_limit_and_missing_prid_are_refused()
    {
        var kit = Created();
        kit.Ok(new RegisterPushDevice("fcm", "t1"));
        kit.Ok(new RegisterPushDevice("fcm", "t2"));
        kit.Rejected(new RegisterPushDevice("fcm", "t3"), UserErrorCode.LimitExceeded);
        kit.Rejected(new RegisterPushDevice("fcm", ""), UserErrorCode.InvalidArgument);
    }

    [Fact]
    public void Forwarding_rules_set_change_and_clear()
    {
        var kit = Created();
        var set = kit.Ok(new SetForwarding(ForwardingKind.NoAnswer, "sip:voicemail@example.com"));
        Assert.Equal(new ForwardingRule(ForwardingKind.NoAnswer, "sip:voicemail@example.com", 20), Assert.IsType<ForwardingSet>(Assert.Single(set.Events)).Rule);

        kit.Ok(new SetForwarding(ForwardingKind.Busy, "tel:+4930999"));
        Assert.Empty(kit.Ok(new SetForwarding(ForwardingKind.Busy, "tel:+4930999")).Events);
        Assert.Equal(2, kit.State.Forwarding.Count);

        Assert.IsType<ForwardingCleared>(Assert.Single(kit.Ok(new ClearForwarding(ForwardingKind.Busy)).Events));
        Assert.Empty(kit.Ok(new ClearForwarding(ForwardingKind.Busy)).Events);
    }

    [Fact]
    public void Forwarding_to_oneself_bad_uris_and_bad_delays_are_refused()
    {
        var kit = Created();
        kit.Rejected(new SetForwarding(ForwardingKind.Unconditional, "sip:Alice@Example.com;transport=tls"), UserErrorCode.InvalidArgument);
        kit.Rejected(new SetForwarding(ForwardingKind.Unconditional, "mailto:x@example.com"), UserErrorCode.InvalidArgument);
        kit.Rejected(new SetForwarding(ForwardingKind.NoAnswer, "sip:vm@example.com", 2), UserErrorCode.InvalidArgument);
        kit.Rejected(new SetForwarding(ForwardingKind.Busy, "sip:vm@example.com", 20), UserErrorCode.InvalidArgument);
    }

    [Fact]
    public void Remote_office_is_kept_when_switched_off_and_shows_in_call_targets()
    {
        var kit = Created();
        kit.Ok(new SetRemoteOffice(true, "sip:+4930555@home.example.net", RemoteOfficeMode.OnlyRing));
        kit.Ok(new SetRemoteOffice(false, "sip:+4930555@home.example.net", RemoteOfficeMode.OnlyRing));
        Assert.Equal(new RemoteOffice(false, "sip:+4930555@home.example.net", RemoteOfficeMode.OnlyRing), kit.State.RemoteOffice);

        kit.Ok(Register("call-1", 1, Contact()));
        kit.Ok(new AnnounceSession(Flow("s1", "node-c"), "Web", 60));
        kit.Ok(new RegisterPushDevice("fcm", "t1"));
        var targets = Assert.IsType<CallTargetsReply>(kit.Ask(GetCallTargets.Instance));
        Assert.Single(targets.Bindings);
        Assert.Equal(Flow("s1", "node-c"), Assert.Single(targets.Sessions));
        Assert.Single(targets.PushDevices);
        Assert.False(targets.RemoteOffice!.Enabled);
        Assert.Equal(Availability.Available, targets.Availability);
    }
}
