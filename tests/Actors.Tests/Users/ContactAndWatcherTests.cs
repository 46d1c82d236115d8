using Cluster.Actors.Common;
using Cluster.Actors.Users;
using static Cluster.Actors.Tests.Users.UserTestKit;

namespace Cluster.Actors.Tests.Users;

public sealed class ContactAndWatcherTests
{
    private static readonly EdgeEndpoint BobSub = new("node-c", "sub-bob");
    private static readonly EdgeEndpoint CarolSub = new("node-b", "sub-carol");

    [Fact]
    public void Colleague_subscription_is_active_at_company_level_with_the_first_view_in_the_reply()
    {
        var kit = Created();
        kit.Ok(new SetPresence(Availability.Busy, PresenceActivity.Meeting));
        var decision = kit.Ok(new Subscribe(BobSub, Bob, DeviceKind.Web, 3600));

        Assert.IsType<WatcherAdded>(Assert.Single(decision.Events));
        Assert.Empty(decision.Effects);
        var reply = Assert.IsType<SubscriptionReply>(decision.Reply);
        Assert.Equal(SubscriptionState.Active, reply.State);
        Assert.Equal(PermissionLevel.Company, reply.Level);
        Assert.Equal(PresenceActivity.Meeting, reply.View!.Activity);
        Assert.Null(reply.View.Note);
    }

    [Fact]
    public void Presence_change_notifies_each_watcher_filtered_by_its_level_once()
    {
        var kit = Created();
        kit.Ok(new Subscribe(BobSub, Bob, DeviceKind.Web, 3600));
        kit.Ok(new Subscribe(CarolSub, Carol, DeviceKind.Sip, 3600));

        var decision = kit.Ok(new SetPresence(Availability.DoNotDisturb, PresenceActivity.Meeting));

        var notes = decision.Effects.OfType<NotifyWatcher>().ToDictionary(n => n.Watcher);
        Assert.Equal(Availability.DoNotDisturb, notes[BobSub].View!.Availability);
        Assert.Equal(PresenceActivity.Meeting, notes[BobSub].View!.Activity);
        Assert.Equal(Availability.Busy, notes[CarolSub].View!.Availability);
        Assert.Null(notes[CarolSub].View!.Activity);

        // a note is invisible to company and public watchers: nobody is notified
        Assert.Empty(kit.Ok(new SetNote("workshop")).Effects);
        kit.Ok(new SetContactLevel(Bob, PermissionLevel.Team));
        Assert.Equal("workshop", kit.Last.Effects.OfType<NotifyWatcher>().Single().View!.Note);
    }

    [Fact]
    public void Blocking_a_watcher_terminates_its_subscription_as_rejected()
    {
        var kit = Created();
        kit.Ok(new Subscribe(BobSub, Bob, DeviceKind.Web, 3600));

        var decision = kit.Ok(new SetContactLevel(Bob, PermissionLevel.Blocked));

        Assert.Contains(decision.Events, e => e is WatcherRemoved { Reason: WatcherTermination.Rejected });
        var notify = kit.Effect<NotifyWatcher>();
        Assert.Equal(SubscriptionState.Terminated, notify.State);
        Assert.Equal(WatcherTermination.Rejected, notify.Reason);
        Assert.Empty(kit.State.Watchers);
    }

    [Fact]
    public void Blocked_watcher_is_refused_and_not_kept()
    {
        var kit = Created();
        kit.Ok(new SetContactLevel(Bob, PermissionLevel.Blocked));
        var decision = kit.Ok(new Subscribe(BobSub, Bob, DeviceKind.Web, 3600));

        Assert.Equal(SubscriptionState.Refused, Assert.IsType<SubscriptionReply>(decision.Reply).State);
        Assert.Empty(decision.Events);
        Assert.Empty(kit.State.Watchers);
    }

    [Fact]
    public void Watcher_with_an_open_request_is_pending_until_accepted()
    {
        var kit = Created();
        kit.Ok(new ReceiveAuthorizationRequest(Carol, "please add me"));
        var subscribed = kit.Ok(new Subscribe(CarolSub, Carol, DeviceKind.Sip, 3600));
        var reply = Assert.IsType<SubscriptionReply>(subscribed.Reply);
        Assert.Equal(SubscriptionState.Pending, reply.State);
        Assert.Null(reply.View);

        var accepted = kit.Ok(new AcceptAuthorization(Carol, PermissionLevel.Team));

        Assert.Contains(accepted.Events, e => e is AuthorizationResolved { Outcome: AuthorizationOutcome.Accepted });
        Assert.Equal(PermissionLevel.Team, kit.State.Contacts[Carol.ToString()].Level);
        var notify = Assert.Single(accepted.Effects.OfType<NotifyWatcher>());
        Assert.Equal(SubscriptionState.Active, notify.State);
        Assert.Equal(PermissionLevel.Team, notify.View!.Level);
        var answer = Assert.Single(accepted.Effects.OfType<TellUser>());
        Assert.Equal(Carol, answer.To);
        Assert.True(Assert.IsType<ReceiveAuthorizationAnswer>(answer.Command).Accepted);
    }

    [Fact]
    public void Deny_with_block_blocks_silently_and_deny_alone_answers_no()
    {
        var kit = Created();
        kit.Ok(new ReceiveAuthorizationRequest(Carol));
        var blocked = kit.Ok(new DenyAuthorization(Carol, Block: true));
        Assert.Empty(blocked.Effects.OfType<TellUser>());
        Assert.Equal(PermissionLevel.Blocked, kit.State.AccessFor(Carol).Level);

        // a blocked peer's later request is dropped without a trace
        Assert.Empty(kit.Ok(new ReceiveAuthorizationRequest(Carol)).Events);
        Assert.Empty(kit.State.IncomingRequests);

        var frank = UserAddress.Parse("frank@other.net");
        kit.Ok(new ReceiveAuthorizationRequest(frank));
        var denied = kit.Ok(new DenyAuthorization(frank));
        Assert.False(Assert.IsType<ReceiveAuthorizationAnswer>(Assert.Single(denied.Effects.OfType<TellUser>()).Command).Accepted);
        kit.Rejected(new DenyAuthorization(frank), UserErrorCode.NoSuchItem);
    }

    [Fact]
    public void Request_from_a_contact_with_a_level_is_accepted_at_once()
    {
        var kit = Created();
        kit.Ok(new SetContactLevel(Carol, PermissionLevel.Company));
        var decision = kit.Ok(new ReceiveAuthorizationRequest(Carol));
        Assert.Empty(decision.Events);
        Assert.True(Assert.IsType<ReceiveAuthorizationAnswer>(kit.Effect<TellUser>().Command).Accepted);
    }

    [Fact]
    public void Outgoing_request_is_sent_to_the_peer_and_closed_by_its_answer()
    {
        var kit = Created();
        var requested = kit.Ok(new RequestAuthorization(Carol, "hi"));
        Assert.Equal(AuthorizationDirection.Outgoing, Assert.IsType<AuthorizationRequested>(Assert.Single(requested.Events)).Request.Direction);
        var tell = kit.Effect<TellUser>();
        Assert.Equal(new ReceiveAuthorizationRequest(Alice, "hi") { CommandId = tell.Command.CommandId }, tell.Command);
        Assert.NotNull(tell.Command.CommandId);

        kit.Ok(new ReceiveAuthorizationAnswer(Carol, Accepted: true));
        Assert.Empty(kit.State.OutgoingRequests);
        Assert.Empty(kit.Ok(new ReceiveAuthorizationAnswer(Carol, Accepted: true)).Events);
    }

    [Fact]
    public void Accept_without_request_and_accept_as_blocked_are_refused()
    {
        var kit = Created();
        kit.Rejected(new AcceptAuthorization(Carol, PermissionLevel.Team), UserErrorCode.NoSuchItem);
        kit.Ok(new ReceiveAuthorizationRequest(Carol));
        kit.Rejected(new AcceptAuthorization(Carol, PermissionLevel.Blocked), UserErrorCode.InvalidArgument);
    }

    [Fact]
    public void Contacts_set_remove_and_limit()
    {
        var kit = Created();
        kit.Ok(new SetContact(Bob, "Bobby", "Team A", PermissionLevel.Team));
        Assert.Empty(kit.Ok(new SetContact(Bob, "Bobby", "Team A", PermissionLevel.Team)).Events);
        kit.Rejected(new SetContact(Alice), UserErrorCode.InvalidArgument);
        for (var i = 0; i < 4; i++)
        {
            kit.Ok(new SetContact(UserAddress.Parse($"u{i}@example.com")));
        }

        kit.Rejected(new SetContact(UserAddress.Parse("u9@example.com")), UserErrorCode.LimitExceeded);
        kit.Ok(new RemoveContact(Bob));
        kit.Rejected(new RemoveContact(Bob), UserErrorCode.NoSuchItem);
        var contacts = Assert.IsType<ContactsReply>(kit.Ask(GetContacts.Instance));
        Assert.Equal(4, contacts.Contacts.Count);
    }

    [Fact]
    public void Domain_level_is_normalised_and_removable()
    {
        var kit = Created();
        kit.Ok(new SetDomainLevel("Partner.ORG", PermissionLevel.Team));
        Assert.Equal(PermissionLevel.Team, kit.State.DomainLevels["partner.org"]);
        kit.Ok(new SetDomainLevel("partner.org", null));
        Assert.Empty(kit.State.DomainLevels);
        kit.Rejected(new SetDomainLevel("not a domain", PermissionLevel.Team), UserErrorCode.InvalidArgument);
    }

    [Fact]
    public void Subscription_refresh_is_ephemeral_and_expiry_terminates_with_timeout()
    {
        var kit = Created();
        kit.Ok(new Subscribe(BobSub, Bob, DeviceKind.Sip, 600));
        kit.Advance(TimeSpan.FromSeconds(500));
        var refresh = kit.Ok(new Subscribe(BobSub, Bob, DeviceKind.Sip, 600));
        Assert.Empty(refresh.Events);
        Assert.Contains(refresh.Ephemeral, c => c is WatcherRefreshed);

        kit.Now = T0.AddSeconds(1100);
        var expired = kit.Ok(ExpireDue.Instance);
        Assert.Equal(WatcherTermination.Timeout, Assert.IsType<WatcherRemoved>(Assert.Single(expired.Events)).Reason);
        Assert.Equal(WatcherTermination.Timeout, kit.Effect<NotifyWatcher>().Reason);
    }

    [Fact]
    public void Subscribe_with_expires_zero_fetches_once_and_ends_the_subscription()
    {
        var kit = Created();
        kit.Ok(new Subscribe(BobSub, Bob, DeviceKind.Sip, 600));
        var fetch = kit.Ok(new Subscribe(BobSub, Bob, DeviceKind.Sip, 0));
        Assert.NotNull(Assert.IsType<SubscriptionReply>(fetch.Reply).View);
        Assert.IsType<WatcherRemoved>(Assert.Single(fetch.Events));
        Assert.Empty(kit.State.Watchers);
        Assert.Empty(kit.Ok(new Unsubscribe(BobSub)).Events);
    }

    [Fact]
    public void Watchers_are_notified_when_the_until_time_passes()
    {
        var kit = Created();
        kit.Ok(Register("c1", 1, Contact(expires: 7200)));
        kit.Ok(new SetPresence(Availability.Busy, PresenceActivity.Meeting, T0.AddMinutes(30)));
        kit.Ok(new Subscribe(BobSub, Bob, DeviceKind.Sip, 7200));

        kit.Now = T0.AddMinutes(30);
        kit.Ok(ExpireDue.Instance);

        Assert.Equal(Availability.Available, kit.Effect<NotifyWatcher>().View!.Availability);
    }

    [Fact]
    public void After_a_failover_every_watcher_gets_one_resynchronising_notification()
    {
        var kit = Created();
        kit.Ok(new Subscribe(BobSub, Bob, DeviceKind.Sip, 3600));
        var recovered = new UserTestKit();
        foreach (var e in kit.Journal)
        {
            recovered.Journal.Add(e);
        }

        var state = UserState.Replay(Alice, kit.Journal);
        var first = recovered.Decider.Decide(state, ExpireDue.Instance, T0);
        Assert.Single(first.Effects.OfType<NotifyWatcher>());
        var second = recovered.Decider.Decide(first.ApplyTo(state), ExpireDue.Instance, T0);
        Assert.Empty(second.Effects);
    }

    [Fact]
    public void Watcher_limit_is_enforced()
    {
        var kit = Created();
        for (var i = 0; i < 4; i++)
        {
            kit.Ok(new Subscribe(new EdgeEndpoint("n", $"s{i}"), Bob, DeviceKind.Web, 600));
        }

        kit.Rejected(new Subscribe(new EdgeEndpoint("n", "s9"), Bob, DeviceKind.Web, 600), UserErrorCode.LimitExceeded);
    }
}
