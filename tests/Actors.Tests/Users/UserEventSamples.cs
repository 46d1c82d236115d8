using Cluster.Actors.Common;
using Cluster.Actors.Users;
using static Cluster.Actors.Tests.Users.UserTestKit;

namespace Cluster.Actors.Tests.Users;

/// <summary>One fully populated instance of every persisted user type, for the JSON round-trip tests.</summary>
internal static class UserEventSamples
{
    private static readonly SipBinding Binding = new(
        "<urn:uuid:1>|1", "sip:alice@192.0.2.10;transport=tls", "<urn:uuid:1>", 1, 0.8, T0.AddHours(1), "call-1", 42,
        new EdgeEndpoint("node-a", "flow-7"), ["<sip:edge-a.example.com;lr>"], "Phone/1.0", T0);

    private static readonly ChatMessage Message = new("m-1", Bob, Alice, ChatDirection.Incoming, "hello \"world\"", "text/plain", T0, 7,
        T0.AddSeconds(1), T0.AddSeconds(2), "Subject line");

    public static IReadOnlyList<object> All { get; } =
    [
        new UserCreated(Alice, "Alice Example", "alice@example.com", ["+49 30 1234"], "Sales", T0),
        new ProfileUpdated("Alice E.", null, ["+1 555 0100"], "R&D"),
        new UserDisabledChanged(true, T0),
        new UserRemoved(T0),
        new PasswordSet(PasswordHash.Create("secret-pass", 1000, 16), SipDigestCredentials.Create("alice", "example.com", "secret-pass"), T0),
        new CommandRecorded("cmd-1", new BindingsReply([new BindingView(Binding.Key, Binding.ContactUri, Binding.InstanceId, Binding.RegId, Binding.Q,
            Binding.ExpiresAt, 3600, Binding.CallId, Binding.CSeq, Binding.Flow, Binding.Path, Binding.UserAgent)])),
        new PresenceSet(Availability.DoNotDisturb, PresenceActivity.InTransit, T0.AddHours(2), T0),
        new PresenceCleared(T0, true),
        new NoteSet("back at 3"),
        new LocationSet("Office Berlin"),
        new CallJoined("call-9", "sip-1", T0),
        new CallLeft("call-9", T0),
        new BindingAdded(Binding),
        new BindingChanged(Binding with { CSeq = 43 }),
        new BindingRemoved(Binding.Key, BindingRemovalReason.Wildcard, T0),
        new PushDeviceRegistered(new PushDevice("apns", "token", "TOPIC.voip", "com.example", "ios", T0)),
        new PushDeviceRemoved("apns", "token", T0),
        new ForwardingSet(new ForwardingRule(ForwardingKind.NoAnswer, "sip:vm@example.com", 25)),
        new ForwardingCleared(ForwardingKind.Unreachable),
        new RemoteOfficeSet(new RemoteOffice(true, "sip:+4930555@home.example.net", RemoteOfficeMode.OnlyRing)),
        new ContactSet(new ContactEntry(Carol, "Carol", "Partners", PermissionLevel.Team)),
        new ContactRemoved(Carol),
        new DomainLevelSet("partner.org", PermissionLevel.Company),
        new AuthorizationRequested(new AuthorizationRequest(Carol, AuthorizationDirection.Incoming, "please", T0)),
        new AuthorizationResolved(Carol, AuthorizationDirection.Outgoing, AuthorizationOutcome.Withdrawn, T0),
        new WatcherAdded(new Watcher(new EdgeEndpoint("node-c", "sub-1"), Bob, DeviceKind.Web, T0.AddHours(1), T0)),
        new WatcherRemoved(new EdgeEndpoint("node-c", "sub-1"), WatcherTermination.Timeout, T0),
        new ChatMessageAccepted(Message),
        new ChatMessagesDelivered(["m-1", "m-2"], T0),
        new ChatMessagesRead(["m-1"], T0),
        new ChatHistoryTrimmed(5),
        Snapshot(),
    ];

    private static UserSnapshot Snapshot()
    {
        var kit = Created();
        kit.Ok(new SetPassword("secret-pass"));
        kit.Ok(Register("call-1", 1, Contact()));
        kit.Ok(new SetPresence(Availability.Busy, PresenceActivity.Meeting, T0.AddHours(1)) { CommandId = "c-1" });
        kit.Ok(new SetNote("note"));
        kit.Ok(new ReportCallActive("call-7"));
        kit.Ok(new RegisterPushDevice("fcm", "t1"));
        kit.Ok(new SetForwarding(ForwardingKind.Busy, "sip:vm@example.com"));
        kit.Ok(new SetRemoteOffice(true, "sip:home@example.net"));
        kit.Ok(new SetContact(Bob, "Bob", "Team", PermissionLevel.Team));
        kit.Ok(new SetDomainLevel("partner.org", PermissionLevel.Company));
        kit.Ok(new ReceiveAuthorizationRequest(Carol, "hi"));
        kit.Ok(new RequestAuthorization(UserAddress.Parse("dave@other.net")));
        kit.Ok(new Subscribe(new EdgeEndpoint("node-c", "sub-1"), Bob, DeviceKind.Web, 600));
        kit.Ok(new AcceptMessage("m-1", Bob, "hello"));
        return UserSnapshot.From(kit.State);
    }
}
