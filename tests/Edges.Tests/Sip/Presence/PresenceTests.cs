using System.Text;
using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Tests.Sip.Core.Support;
using Cluster.Edges.Tests.Sip.Transport.Support;

namespace Cluster.Edges.Tests.Sip.Presence;

/// <summary>SUBSCRIBE/NOTIFY (RFC 3856, RFC 6665) and PUBLISH (RFC 3903) against the edge and the in-process domain.</summary>
public sealed class PresenceTests
{
    private sealed record Subscription(string CallId, string FromTag, string ToTag, SipMessage Response);

    private static async Task<Subscription> SubscribeAsync(TestSipClient watcher, string watcherUser, string presentity, string expires = "600")
    {
        var callId = SipMessageBuilder.NewTag() + "@sub";
        var fromTag = "w" + SipMessageBuilder.NewTag();
        var response = await watcher.SendAuthenticatedAsync((cseq, auth) => SubscribeRequest(watcher, watcherUser, presentity, callId, fromTag, null, cseq, auth, expires));
        return new Subscription(callId, fromTag, response.ToTag ?? "", response);
    }

    private static SipMessageBuilder SubscribeRequest(TestSipClient watcher, string watcherUser, string presentity, string callId, string fromTag, string? toTag,
        long cseq, string? auth, string expires)
    {
        var b = watcher.NewRequest("SUBSCRIBE", EdgeHarness.Uri(presentity), EdgeHarness.Uri(watcherUser), EdgeHarness.Uri(presentity), callId, cseq, toTag, fromTag)
            .AddHeader("Contact", $"<{watcher.ContactUri(watcherUser)}>")
            .AddHeader("Event", "presence")
            .AddHeader("Accept", "application/pidf+xml")
            .AddHeader("Expires", expires);
        return auth is null ? b : b.AddHeader("Authorization", auth);
    }

    private static string Body(SipMessage message) => Encoding.UTF8.GetString(message.Body.Span);

    [Fact]
    public async Task Active_subscription_gets_200_and_a_notify_filtered_to_the_watchers_level()
    {
        await using var harness = new EdgeHarness();
        var alice = await harness.CreateUserAsync("alice");
        await harness.CreateUserAsync("bob");
        await harness.Users.SendAsync(alice, new SetPresence(Availability.Busy, PresenceActivity.Meeting));
        await harness.Users.SendAsync(alice, new SetNote("Quarterly review"));
        await using var bob = await harness.ClientAsync("bob");

        var subscription = await SubscribeAsync(bob, "bob", "alice");
        Assert.Equal(200, subscription.Response.StatusCode);
        Assert.Equal("600", subscription.Response.GetHeaderValue(SipHeaderKind.Expires));
        Assert.NotEmpty(subscription.ToTag);

        var notify = await bob.NextRequestAsync("the first NOTIFY after SUBSCRIBE");
        Assert.Equal(SipMethod.Notify, notify.Method);
        Assert.Equal(subscription.CallId, notify.CallId);
        Assert.Equal(subscription.ToTag, notify.FromTag);
        Assert.Equal(subscription.FromTag, notify.ToTag);
        Assert.StartsWith("active;expires=", notify.GetHeaderValue(SipHeaderKind.SubscriptionState));
        Assert.Equal("application/pidf+xml", notify.ContentType);
        var body = Body(notify);
        Assert.Contains("<basic>open</basic>", body);
        Assert.Contains("<rpid:meeting", body);
        // Company level (same domain): exact state and activity, no note (RFC 4480 note is team level and above).
        Assert.DoesNotContain("Quarterly review", body);

        // A change reaches the watcher as a new in-dialog NOTIFY with a higher CSeq.
        await harness.Users.SendAsync(alice, new SetPresence(Availability.Away, PresenceActivity.Lunch));
        var change = await bob.NextRequestAsync("a NOTIFY for the change to away/lunch");
        Assert.True(change.CSeq.Number > notify.CSeq.Number);
        Assert.Contains("<rpid:other>lunch</rpid:other>", Body(change));
    }

    [Fact]
    public async Task Team_level_watcher_sees_the_note_and_public_watcher_only_coarse_state()
    {
        await using var harness = new EdgeHarness();
        var alice = await harness.CreateUserAsync("alice");
        await harness.CreateUserAsync("carol");
        await harness.Users.SendAsync(alice, new SetPresence(Availability.DoNotDisturb));
        await harness.Users.SendAsync(alice, new SetNote("Heads down"));
        await harness.Users.SendAsync(alice, new SetContactLevel(EdgeHarness.Address("carol"), PermissionLevel.Team));
        await using var carol = await harness.ClientAsync("carol", "TCP");

        Assert.Equal(200, (await SubscribeAsync(carol, "carol", "alice")).Response.StatusCode);
        var teamBody = Body(await carol.NextRequestAsync("NOTIFY for the team-level watcher"));
        Assert.Contains("Heads down", teamBody);
        Assert.Contains("do-not-disturb", teamBody);

        await harness.Users.SendAsync(alice, new SetContactLevel(EdgeHarness.Address("carol"), PermissionLevel.Public));
        var publicBody = Body(await carol.NextRequestAsync("NOTIFY after lowering the level to public"));
        Assert.DoesNotContain("Heads down", publicBody);
        Assert.DoesNotContain("do-not-disturb", publicBody);
        Assert.Contains("<rpid:busy", publicBody);
    }

    [Fact]
    public async Task Pending_subscription_gets_202_then_active_when_the_user_authorizes()
    {
        await using var harness = new EdgeHarness();
        var alice = await harness.CreateUserAsync("alice");
        var dave = EdgeHarness.Address("dave");
        await harness.CreateUserAsync("dave");
        await harness.Users.SendAsync(dave, new RequestAuthorization(alice));
        await harness.Users.SendAsync(alice, new SetNote("Travelling"));
        await using var client = await harness.ClientAsync("dave");

        var subscription = await SubscribeAsync(client, "dave", "alice");
        Assert.Equal(202, subscription.Response.StatusCode);
        var pending = await client.NextRequestAsync("NOTIFY pending");
        Assert.StartsWith("pending", pending.GetHeaderValue(SipHeaderKind.SubscriptionState));
        Assert.Equal(0, pending.Body.Length);

        await harness.Users.SendAsync(alice, new AcceptAuthorization(dave, PermissionLevel.Team));
        var active = await client.NextRequestAsync("NOTIFY active after authorization");
        Assert.StartsWith("active", active.GetHeaderValue(SipHeaderKind.SubscriptionState));
        Assert.Contains("Travelling", Body(active));
    }

    [Fact]
    public async Task Blocked_watcher_is_refused_with_403()
    {
        await using var harness = new EdgeHarness();
        var alice = await harness.CreateUserAsync("alice");
        await harness.CreateUserAsync("eve");
        await harness.Users.SendAsync(alice, new SetContactLevel(EdgeHarness.Address("eve"), PermissionLevel.Blocked));
        await using var eve = await harness.ClientAsync("eve");

        Assert.Equal(403, (await SubscribeAsync(eve, "eve", "alice")).Response.StatusCode);
        Assert.Equal(0, harness.Edge.Presence.SubscriptionCount);
    }

    [Fact]
    public async Task Unsubscribe_ends_with_a_terminated_notify_and_a_later_refresh_gets_481()
    {
        await using var harness = new EdgeHarness();
        var alice = await harness.CreateUserAsync("alice");
        await harness.CreateUserAsync("bob");
        await using var bob = await harness.ClientAsync("bob");
        var subscription = await SubscribeAsync(bob, "bob", "alice");
        await bob.NextRequestAsync("the first NOTIFY");

        var refreshed = await bob.SendAuthenticatedAsync((cseq, auth) =>
            SubscribeRequest(bob, "bob", "alice", subscription.CallId, subscription.FromTag, subscription.ToTag, cseq, auth, "900"));
        Assert.Equal(200, refreshed.StatusCode);
        Assert.StartsWith("active;expires=900", (await bob.NextRequestAsync("NOTIFY after refresh")).GetHeaderValue(SipHeaderKind.SubscriptionState));

        var ended = await bob.SendAuthenticatedAsync((cseq, auth) =>
            SubscribeRequest(bob, "bob", "alice", subscription.CallId, subscription.FromTag, subscription.ToTag, cseq, auth, "0"));
        Assert.Equal(200, ended.StatusCode);
        Assert.Equal("terminated;reason=timeout", (await bob.NextRequestAsync("final NOTIFY")).GetHeaderValue(SipHeaderKind.SubscriptionState));
        Assert.Empty(harness.Users.StateOf(alice).Watchers);

        var gone = await bob.SendAuthenticatedAsync((cseq, auth) =>
            SubscribeRequest(bob, "bob", "alice", subscription.CallId, subscription.FromTag, subscription.ToTag, cseq, auth, "600"));
        Assert.Equal(481, gone.StatusCode);
    }

    [Fact]
    public async Task Notify_answered_481_ends_the_subscription_at_the_entity()
    {
        await using var harness = new EdgeHarness();
        var alice = await harness.CreateUserAsync("alice");
        await harness.CreateUserAsync("bob");
        await using var bob = await harness.ClientAsync("bob");
        await SubscribeAsync(bob, "bob", "alice");
        await bob.NextRequestAsync("the first NOTIFY");
        Assert.Single(harness.Users.StateOf(alice).Watchers);

        bob.AnswerStatus = 481;
        await harness.Users.SendAsync(alice, new SetPresence(Availability.Away));
        await bob.NextRequestAsync("the NOTIFY that bob answers 481");
        await Eventually.True(() => harness.Users.StateOf(alice).Watchers.Count == 0 && harness.Edge.Presence.SubscriptionCount == 0,
            "the watcher to be removed from alice and the dialog from the edge after a 481");
    }

    [Fact]
    public async Task Unknown_event_package_gets_489_and_notify_to_the_edge_gets_481()
    {
        await using var harness = new EdgeHarness();
        await harness.CreateUserAsync("bob");
        await using var bob = await harness.ClientAsync("bob");
        var dialog = bob.NewRequest("SUBSCRIBE", EdgeHarness.Uri("alice"), EdgeHarness.Uri("bob"), EdgeHarness.Uri("alice"))
            .AddHeader("Contact", $"<{bob.ContactUri("bob")}>").AddHeader("Event", "dialog");
        var response = await bob.SendAsync(dialog);
        Assert.Equal(489, response.StatusCode);
        Assert.Equal("presence", response.GetHeaderValue(SipHeaderKind.AllowEvents));

        var notify = bob.NewRequest("NOTIFY", EdgeHarness.Uri("alice"), EdgeHarness.Uri("bob"), EdgeHarness.Uri("alice"), toTag: "x1")
            .AddHeader("Event", "presence").AddHeader("Subscription-State", "active");
        Assert.Equal(481, (await bob.SendAsync(notify)).StatusCode);
    }
}
