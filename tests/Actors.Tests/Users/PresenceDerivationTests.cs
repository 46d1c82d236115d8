using Cluster.Actors.Users;
using static Cluster.Actors.Tests.Users.UserTestKit;

namespace Cluster.Actors.Tests.Users;

public sealed class PresenceDerivationTests
{
    [Fact]
    public void Without_binding_or_session_the_user_is_offline()
    {
        var kit = Created();
        var presence = kit.State.PresenceAt(kit.Now);
        Assert.Equal(Availability.Offline, presence.Availability);
        Assert.Equal(PresenceSource.Derived, presence.Source);
    }

    [Fact]
    public void A_live_binding_makes_the_user_available_until_it_expires()
    {
        var kit = Created();
        kit.Ok(Register("c1", 1, Contact(expires: 60)));
        Assert.Equal(Availability.Available, kit.State.PresenceAt(kit.Now).Availability);
        Assert.Equal(Availability.Offline, kit.State.PresenceAt(kit.Now.AddSeconds(60)).Availability);
    }

    [Fact]
    public void A_web_session_is_a_presence_source_and_all_idle_sessions_mean_away()
    {
        var kit = Created();
        kit.Ok(new AnnounceSession(Flow("s1", "node-c"), "ProCall Web", 90, Idle: true));
        Assert.Equal(Availability.Away, kit.State.PresenceAt(kit.Now).Availability);

        kit.Ok(new AnnounceSession(Flow("s1", "node-c"), "ProCall Web", 90, Idle: false));
        Assert.Equal(Availability.Available, kit.State.PresenceAt(kit.Now).Availability);
    }

    [Fact]
    public void In_a_call_the_derived_presence_is_on_the_phone_and_coarse_busy()
    {
        var kit = Created();
        kit.Ok(Register("c1", 1, Contact()));
        var binding = kit.State.Bindings.Keys.Single();
        kit.Ok(new ReportCallActive("call-42", binding));

        var presence = kit.State.PresenceAt(kit.Now);
        Assert.Equal(Availability.OnThePhone, presence.Availability);
        Assert.Equal(PresenceActivity.OnThePhone, presence.Activity);
        Assert.True(Assert.Single(presence.Devices).InCall);
        Assert.Equal(Availability.Busy, PresenceVisibility.Coarse(presence.Availability));

        kit.Ok(new ReportCallEnded("call-42"));
        Assert.Equal(Availability.Available, kit.State.PresenceAt(kit.Now).Availability);
    }

    [Fact]
    public void Explicit_state_wins_over_derived_including_a_call()
    {
        var kit = Created();
        kit.Ok(Register("c1", 1, Contact()));
        kit.Ok(new ReportCallActive("call-1"));
        kit.Ok(new SetPresence(Availability.DoNotDisturb, PresenceActivity.Meeting));

        var presence = kit.State.PresenceAt(kit.Now);
        Assert.Equal(Availability.DoNotDisturb, presence.Availability);
        Assert.Equal(PresenceActivity.Meeting, presence.Activity);
        Assert.Equal(PresenceSource.Explicit, presence.Source);
        Assert.True(presence.InCall);
    }

    [Fact]
    public void Explicit_state_applies_even_without_devices()
    {
        var kit = Created();
        kit.Ok(new SetPresence(Availability.Away, PresenceActivity.Vacation));
        Assert.Equal(Availability.Away, kit.State.PresenceAt(kit.Now).Availability);
    }

    [Fact]
    public void Explicit_state_with_until_falls_back_to_automatic_when_until_passes()
    {
        var kit = Created();
        kit.Ok(Register("c1", 1, Contact(expires: 7200)));
        var until = kit.Now.AddHours(1);
        kit.Ok(new SetPresence(Availability.Busy, PresenceActivity.Meeting, until));

        Assert.Equal(Availability.Busy, kit.State.PresenceAt(until.AddTicks(-1)).Availability);
        var after = kit.State.PresenceAt(until);
        Assert.Equal(Availability.Available, after.Availability);
        Assert.Equal(PresenceSource.Derived, after.Source);
        Assert.Null(after.Until);
    }

    [Fact]
    public void Expire_due_after_until_journals_presence_cleared_as_expired()
    {
        var kit = Created();
        var until = kit.Now.AddMinutes(30);
        kit.Ok(new SetPresence(Availability.Busy, PresenceActivity.Meeting, until));
        Assert.Equal(until, kit.State.NextDeadline());

        kit.Now = until;
        var decision = kit.Ok(ExpireDue.Instance);

        Assert.Equal(new PresenceCleared(until, Expired: true), Assert.Single(decision.Events));
        Assert.Null(kit.State.Presence.Explicit);
        Assert.Null(kit.State.NextDeadline());
    }

    [Fact]
    public void Clear_presence_returns_to_automatic_and_is_a_no_op_when_nothing_is_set()
    {
        var kit = Created();
        Assert.Empty(kit.Ok(new ClearPresence()).Events);
        kit.Ok(new SetPresence(Availability.Busy));
        Assert.IsType<PresenceCleared>(Assert.Single(kit.Ok(new ClearPresence()).Events));
        Assert.Equal(PresenceSource.Derived, kit.State.PresenceAt(kit.Now).Source);
    }

    [Fact]
    public void On_the_phone_cannot_be_set_by_hand_and_until_must_be_in_the_future()
    {
        var kit = Created();
        kit.Rejected(new SetPresence(Availability.OnThePhone), UserErrorCode.InvalidArgument);
        kit.Rejected(new SetPresence(Availability.Busy, Until: kit.Now), UserErrorCode.InvalidArgument);
    }

    [Fact]
    public void Setting_the_same_explicit_state_again_journals_nothing()
    {
        var kit = Created();
        kit.Ok(new SetPresence(Availability.Busy, PresenceActivity.Meeting));
        Assert.Empty(kit.Ok(new SetPresence(Availability.Busy, PresenceActivity.Meeting)).Events);
    }

    [Fact]
    public void Note_and_location_survive_explicit_state_changes()
    {
        var kit = Created();
        kit.Ok(new SetNote("back at 3"));
        kit.Ok(new SetLocation("Office Berlin"));
        kit.Ok(new SetPresence(Availability.Away));
        kit.Ok(new ClearPresence());

        var presence = kit.State.PresenceAt(kit.Now);
        Assert.Equal("back at 3", presence.Note);
        Assert.Equal("Office Berlin", presence.Location);
    }

    [Fact]
    public void Calls_are_persisted_so_a_recovered_entity_still_shows_on_the_phone()
    {
        var kit = Created();
        kit.Ok(Register("c1", 1, Contact()));
        kit.Ok(new ReportCallActive("call-1"));

        var recovered = UserState.Replay(Alice, kit.Journal);
        Assert.Equal(Availability.OnThePhone, recovered.PresenceAt(kit.Now).Availability);
    }
}
