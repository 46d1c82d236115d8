using System.Reflection;
using System.Text.Json;
using Cluster.Actors.Common;
using Cluster.Actors.Users;
using static Cluster.Actors.Tests.Users.UserTestKit;

namespace Cluster.Actors.Tests.Users;

public sealed class JsonCompatibilityTests
{
    [Fact]
    public void Every_event_type_is_registered_once_with_a_versioned_user_manifest()
    {
        var eventTypes = typeof(IUserEvent).Assembly.GetTypes()
            .Where(t => typeof(IUserEvent).IsAssignableFrom(t) && !t.IsInterface)
            .ToHashSet();
        var registered = UserManifests.All.Where(r => r.Type != typeof(UserSnapshot)).Select(r => r.Type).ToHashSet();

        Assert.Equal(eventTypes.OrderBy(t => t.Name), registered.OrderBy(t => t.Name));
        Assert.Equal(UserManifests.All.Count, UserManifests.All.Select(r => r.Manifest).Distinct().Count());
        foreach (var (type, manifest) in UserManifests.All)
        {
            Assert.True(type.IsSealed, $"{type.Name} must be sealed");
            Assert.Matches("^user\\.[a-z-]+\\.v[0-9]+$", manifest);
            var constant = type.GetField("Manifest", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
            Assert.Equal(manifest, constant);
        }

        Assert.Equal("user.binding-added.v1", UserManifests.ManifestOf(typeof(BindingAdded)));
        Assert.Equal("user.snapshot.v1", UserManifests.ManifestOf(typeof(UserSnapshot)));
    }

    [Fact]
    public void Samples_cover_every_registered_type()
    {
        Assert.Equal(
            UserManifests.All.Select(r => r.Type.Name).Order(),
            UserEventSamples.All.Select(s => s.GetType().Name).Order());
    }

    [Fact]
    public void Every_event_and_the_snapshot_round_trip_through_json()
    {
        foreach (var sample in UserEventSamples.All)
        {
            var manifest = UserManifests.ManifestOf(sample.GetType());
            var json = DomainJson.Serialize(sample);
            var back = UserManifests.Deserialize(manifest, json);

            Assert.IsType(sample.GetType(), back);
            Assert.Equal(json, DomainJson.Serialize(back));
        }
    }

    [Fact]
    public void Field_names_are_camel_case_and_enums_kebab_case()
    {
        var json = DomainJson.Serialize(new PresenceSet(Availability.DoNotDisturb, PresenceActivity.InTransit, null, T0));
        Assert.Equal("{\"availability\":\"do-not-disturb\",\"activity\":\"in-transit\",\"at\":\"2025-03-10T09:00:00+00:00\"}", json);
    }

    [Fact]
    public void A_stored_v1_chat_message_without_the_later_subject_field_still_loads()
    {
        // Stored before ChatMessage.Subject existed: the field is absent and must default to null.
        const string stored = """
            {"message":{"messageId":"m-1","from":"bob@example.com","to":"alice@example.com","direction":"incoming",
             "body":"hello","contentType":"text/plain","acceptedAt":"2025-03-10T09:00:00+00:00","sequence":1}}
            """;

        var e = Assert.IsType<ChatMessageAccepted>(UserManifests.Deserialize("user.chat-accepted.v1", stored));

        Assert.Equal(new ChatMessage("m-1", Bob, Alice, ChatDirection.Incoming, "hello", "text/plain", T0, 1), e.Message);
        Assert.Null(e.Message.Subject);
        Assert.Null(e.Message.DeliveredAt);
    }

    [Fact]
    public void A_stored_v1_binding_added_payload_still_loads()
    {
        const string stored = """
            {"binding":{"key":"sip:alice@192.0.2.10:5060","contactUri":"sip:alice@192.0.2.10:5060","expiresAt":"2025-03-10T10:00:00+00:00",
             "callId":"call-1","cSeq":1,"flow":{"nodeId":"node-a","token":"flow-1"},"path":[],"registeredAt":"2025-03-10T09:00:00+00:00"}}
            """;

        var e = Assert.IsType<BindingAdded>(UserManifests.Deserialize("user.binding-added.v1", stored));
        var state = UserState.Initial(Alice).Apply(new UserCreated(Alice, "A", null, [], null, T0)).Apply(e);

        var live = Assert.Single(state.LiveBindings(T0));
        Assert.Equal(new EdgeEndpoint("node-a", "flow-1"), live.Flow);
        Assert.Null(live.UserAgent);
        Assert.Null(live.InstanceId);
    }

    [Fact]
    public void A_recorded_reply_keeps_its_type_through_json()
    {
        var recorded = new CommandRecorded("cmd-1", new ChatAccepted("m1", 3, T0, true));
        var back = (CommandRecorded)UserManifests.Deserialize(CommandRecorded.Manifest, DomainJson.Serialize(recorded));
        Assert.Equal(recorded, back);
        Assert.Contains("\"$type\":\"chat-accepted\"", DomainJson.Serialize(recorded), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_manifest_and_bad_address_fail_with_a_clear_error()
    {
        Assert.Throws<ArgumentException>(() => UserManifests.Deserialize("user.nope.v1", "{}"));
        var error = Assert.Throws<JsonException>(() => UserManifests.Deserialize(ContactRemoved.Manifest, "{\"address\":\"not-an-address\"}"));
        Assert.Contains("user@domain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshot_restores_the_same_durable_state()
    {
        var snapshot = (UserSnapshot)UserEventSamples.All.Single(s => s is UserSnapshot);
        var restored = ((UserSnapshot)UserManifests.Deserialize(UserSnapshot.Manifest, DomainJson.Serialize(snapshot))).ToState();
        Assert.Equal(DomainJson.Serialize(snapshot), DomainJson.Serialize(UserSnapshot.From(restored)));
        Assert.Equal(Availability.Busy, restored.PresenceAt(T0).Availability);
        Assert.NotNull(restored.RecordedReply("c-1"));
    }
}
