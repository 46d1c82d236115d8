using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Cluster.Actors.Users.Entity;
using Cluster.Runtime.Kernel;
using Cluster.TestSupport;

namespace Cluster.Actors.Tests.Users.Entity;

/// <summary>The expiry timer, effects routed to edges by node id, and commands between users.</summary>
public sealed class UserEntityEffectsTests() : UserEntityTestBase(sqlite: false)
{
    private static readonly EdgeEndpoint BobsSubscription = new(NodeId, "sub-1");

    [Fact]
    public async Task Binding_expiry_fires_on_the_timer_and_notifies_the_watcher_through_its_node()
    {
        await Create(Alice, "Alice Example");
        await Create(Bob, "Bob Example");
        var subscribed = await Send<SubscriptionReply>(Alice, new Subscribe(BobsSubscription, Bob, DeviceKind.Sip, 3600));
        Assert.Equal(SubscriptionState.Active, subscribed.State);
        var contact = new ContactUpdate("sip:alice@192.0.2.10:5060", 60, null, null, null, new EdgeEndpoint(NodeId, "flow-1"), null, "Phone/1.0");
        await Send<BindingsReply>(Alice, new Register("call-1", 1, [contact]));
        await Deadline.Until(() => Sink.Notifications.Any(n => n.View?.Availability == Availability.Available),
            "bob to be told alice is available after her REGISTER", Deadline.Long);

        Time.Advance(TimeSpan.FromSeconds(61));

        await Deadline.Until(() => Sink.Notifications.Any(n => n.View?.Availability == Availability.Offline),
            "bob to be told alice is offline once her binding expired", Deadline.Long);
        var notify = Sink.Notifications.Last();
        Assert.Equal(BobsSubscription, notify.Watcher);
        Assert.Equal(Alice, notify.Presentity);
        var removed = Assert.IsType<BindingRemoved>((await JournalOf(Alice))[^1]);
        Assert.Equal(BindingRemovalReason.Expired, removed.Reason);
        Assert.Empty((await Query<BindingsReply>(Alice, GetBindings.Instance)).Bindings);
    }

    [Fact]
    public async Task Chat_goes_to_the_sink_of_the_local_node_and_to_dead_letters_for_an_unknown_node()
    {
        await Create(Alice, "Alice Example");
        await Create(Bob, "Bob Example");
        await Send<Ack>(Alice, new AnnounceSession(new EdgeEndpoint(NodeId, "ws-1"), "web", 300));
        await Send<Ack>(Alice, new AnnounceSession(new EdgeEndpoint("node-z", "ws-2"), "web", 300));
        var deadLettersBefore = Sys.DeadLetterCount;

        // Bob's entity stores his copy and tells alice's entity (TellUser), which delivers to her sessions.
        await Send<ChatAccepted>(Bob, new SendMessage("m-1", Alice, "hello"));

        await Deadline.Until(() => !Sink.Deliveries.IsEmpty, "alice's local web session to get bob's message", Deadline.Long);
        var (message, target) = Assert.Single(Sink.Deliveries);
        Assert.Equal("m-1", message.MessageId);
        Assert.Equal(new EdgeEndpoint(NodeId, "ws-1"), target.Edge);
        await Deadline.Until(() => Sys.DeadLetterCount > deadLettersBefore, "the delivery for node-z to be dead-lettered", Deadline.Long);
        Assert.Equal(1, Users.Sinks.Delivered);
    }

    [Fact]
    public async Task Authorization_request_reaches_the_other_user_and_the_answer_comes_back()
    {
        await Create(Alice, "Alice Example");
        await Create(Bob, "Bob Example");

        await Send<Ack>(Alice, new RequestAuthorization(Bob, "may I see your presence?"));

        await Deadline.Until(() => Contacts(Bob).Requests.Any(r => r.Peer == Alice && r.Direction == AuthorizationDirection.Incoming),
            "bob's entity to receive alice's authorization request", Deadline.Long);
        Assert.Contains(Contacts(Alice).Requests, r => r.Peer == Bob && r.Direction == AuthorizationDirection.Outgoing);

        await Send<Ack>(Bob, new AcceptAuthorization(Alice, PermissionLevel.Team));

        await Deadline.Until(() => Contacts(Alice).Requests.Count == 0, "alice's entity to receive bob's answer", Deadline.Long);
        Assert.Equal(PermissionLevel.Team, Assert.Single(Contacts(Bob).Contacts).Level);
    }

    [Fact]
    public async Task Gateway_reports_a_timeout_when_the_entity_does_not_answer()
    {
        var silent = Sys.ActorOf(Props.Create(() => new Silent()));
        var gateway = new ShardedUserGateway(silent, TimeSpan.FromSeconds(5));

        var call = gateway.SendAsync(Alice, new SetNote("x"));
        Time.Advance(TimeSpan.FromSeconds(6));

        var error = await Assert.ThrowsAsync<UserGatewayException>(() => Deadline.Within(call, "the ask to time out", Deadline.Long));
        Assert.Equal(UserGatewayFailure.Timeout, error.Failure);
        Assert.True(error.IsTransient);
        Assert.Contains("did not answer SetNote within 5s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_reports_unavailable_when_sharding_rejects_the_message()
    {
        var refusing = Sys.ActorOf(Props.Create(() => new Refusing()));
        var gateway = new ShardedUserGateway(refusing, TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<UserGatewayException>(() => Deadline.Within(gateway.QueryAsync(Alice, GetProfile.Instance), "the refusal", Deadline.Long));

        Assert.Equal(UserGatewayFailure.Unavailable, error.Failure);
        Assert.Contains("region is shutting down", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Envelope_refuses_what_is_neither_a_command_nor_a_query()
    {
        Assert.Throws<ArgumentException>(() => new UserEnvelope(Alice, "hello"));
        Assert.Throws<ArgumentException>(() => new UserEnvelope(default, GetProfile.Instance));
    }

    private ContactsReply Contacts(UserAddress user) =>
        Query<ContactsReply>(user, GetContacts.Instance).GetAwaiter().GetResult();

    private sealed class Silent : ReceiveActor
    {
        public Silent() => ReceiveAny(_ => { });
    }

    private sealed class Refusing : ReceiveActor
    {
        public Refusing() => ReceiveAny(_ => Sender.Tell(new Status.Failure(new Cluster.Runtime.Sharding.ShardDeliveryException("region is shutting down")), Self));
    }
}
