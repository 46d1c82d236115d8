using Cluster.Actors.Users;
using static Cluster.Actors.Tests.Users.UserTestKit;

namespace Cluster.Actors.Tests.Users;

public sealed class ProfileDecisionTests
{
    [Fact]
    public void Create_journals_user_created_with_normalised_fields()
    {
        var kit = new UserTestKit();
        var decision = kit.Ok(new CreateUser("  Alice Example ", " alice@example.com ", ["+49 30 1234"], ""));

        var created = Assert.IsType<UserCreated>(Assert.Single(decision.Events));
        Assert.Equal("Alice Example", created.DisplayName);
        Assert.Equal("alice@example.com", created.Email);
        Assert.Null(created.Department);
        Assert.Equal(UserStatus.Active, kit.State.Status);
        Assert.Equal(T0, kit.State.Profile.CreatedAt);
    }

    [Fact]
    public void Create_twice_is_rejected_as_already_exists()
    {
        var kit = Created();
        kit.Rejected(new CreateUser("Again"), UserErrorCode.AlreadyExists);
    }

    [Theory]
    [InlineData("", null, "display name")]
    [InlineData("Alice", "not-an-address", "e-mail")]
    public void Create_with_bad_fields_says_which(string name, string? email, string expected)
    {
        var kit = new UserTestKit();
        var rejected = kit.Rejected(new CreateUser(name, email), UserErrorCode.InvalidArgument);
        Assert.Contains(expected, rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_with_a_letter_in_a_phone_number_is_rejected()
    {
        var kit = new UserTestKit();
        kit.Rejected(new CreateUser("Alice", PhoneNumbers: ["+49 30 12x4"]), UserErrorCode.InvalidArgument);
    }

    [Fact]
    public void Commands_before_creation_are_rejected_as_not_found()
    {
        var kit = new UserTestKit();
        kit.Rejected(new SetNote("hi"), UserErrorCode.NotFound);
        kit.Rejected(Register("c", 1, Contact()), UserErrorCode.NotFound);
    }

    [Fact]
    public void Update_changes_only_given_fields_and_empty_clears()
    {
        var kit = Created();
        var decision = kit.Ok(new UpdateProfile(Department: "", PhoneNumbers: ["+1 555 0100", "+1 555 0101"]));

        var updated = Assert.IsType<ProfileUpdated>(Assert.Single(decision.Events));
        Assert.Equal("Alice Example", updated.DisplayName);
        Assert.Null(updated.Department);
        Assert.Equal(["+1 555 0100", "+1 555 0101"], kit.State.Profile.PhoneNumbers);
    }

    [Fact]
    public void Update_with_same_values_journals_nothing()
    {
        var kit = Created();
        var decision = kit.Ok(new UpdateProfile(DisplayName: "Alice Example"));
        Assert.Empty(decision.Events);
        Assert.IsType<Ack>(decision.Reply);
    }

    [Fact]
    public void Disable_drops_bindings_and_sessions_and_refuses_registration()
    {
        var kit = Created();
        kit.Ok(Register("call-1", 1, Contact()));
        kit.Ok(new AnnounceSession(Flow("s1", "node-c"), "Web", 60));

        var decision = kit.Ok(new SetUserDisabled(true));

        Assert.Contains(decision.Events, e => e is BindingRemoved { Reason: BindingRemovalReason.Deactivated });
        Assert.Empty(kit.State.Bindings);
        Assert.Empty(kit.State.Ephemeral.Sessions);
        Assert.Equal(Availability.Offline, kit.State.PresenceAt(kit.Now).Availability);
        kit.Rejected(Register("call-1", 2, Contact()), UserErrorCode.Disabled);
        kit.Rejected(new AcceptMessage("m1", Bob, "hi"), UserErrorCode.Disabled);
    }

    [Fact]
    public void Remove_tells_watchers_noresource_and_clears_everything()
    {
        var kit = Created();
        kit.Ok(new Subscribe(Flow("sub-1", "node-b"), Bob, DeviceKind.Sip, 600));
        kit.Ok(new SetContact(Bob, Level: Cluster.Actors.Common.PermissionLevel.Team));

        kit.Ok(new RemoveUser());

        var notify = kit.Effect<NotifyWatcher>();
        Assert.Equal(SubscriptionState.Terminated, notify.State);
        Assert.Equal(WatcherTermination.NoResource, notify.Reason);
        Assert.Equal(UserStatus.Removed, kit.State.Status);
        Assert.Empty(kit.State.Contacts);
        Assert.Empty(kit.State.Watchers);
        kit.Rejected(new SetNote("x"), UserErrorCode.NotFound);
    }

    [Fact]
    public void A_removed_user_can_be_created_again_from_empty()
    {
        var kit = Created();
        kit.Ok(new SetNote("old note"));
        kit.Ok(new RemoveUser());
        kit.Ok(new CreateUser("Alice Again"));

        Assert.Equal(UserStatus.Active, kit.State.Status);
        Assert.Null(kit.State.Presence.Note);
        Assert.Equal("Alice Again", kit.State.Profile.DisplayName);
    }

    [Fact]
    public void Profile_query_works_for_absent_users()
    {
        var kit = new UserTestKit();
        var reply = Assert.IsType<ProfileReply>(kit.Ask(GetProfile.Instance));
        Assert.Equal(UserStatus.Absent, reply.Status);
    }
}
