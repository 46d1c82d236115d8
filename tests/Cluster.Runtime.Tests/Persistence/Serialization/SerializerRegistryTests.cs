using System.Text;
using System.Text.Json.Nodes;
using Cluster.Runtime.Persistence.Serialization;

namespace Cluster.Runtime.Tests.Persistence.Serialization;

public enum BindingTransport { Udp, Tcp, Tls }

/// <summary>The current shape: v2 split the contact into a URI and added the transport.</summary>
public sealed record BindingAdded(string ContactUri, BindingTransport Transport, int ExpiresSeconds);

/// <summary>The v1 shape, kept only to read old events.</summary>
public sealed record BindingAddedV1(string Contact, int Expires);

public sealed record PresenceChanged(string Availability, string? Note);

public class SerializerRegistryTests
{
    // Stored by version 1 of the code, byte for byte as it sits in the journal.
    private const string StoredV1Payload = """{"contact":"sip:alice@10.0.0.7:5060;transport=tcp","expires":3600}""";

    private static SerializerRegistry Registry() => new SerializerRegistry()
        .Register<BindingAdded>("user.binding-added.v2")
        .RegisterUpcast<BindingAddedV1, BindingAdded>("user.binding-added.v1", old => new BindingAdded(
            old.Contact.Split(';')[0],
            old.Contact.Contains("transport=tcp") ? BindingTransport.Tcp : BindingTransport.Udp,
            old.Expires))
        .Register<PresenceChanged>("user.presence-changed.v2")
        .RegisterMigration<PresenceChanged>("user.presence-changed.v1", json =>
        {
            json["availability"] = json["status"]!.GetValue<string>();
            json.Remove("status");
            json["note"] ??= null;
            return json;
        });

    [Fact]
    public void Old_v1_payload_loads_into_the_current_type_through_the_upcast()
    {
        var loaded = Registry().Deserialize("user.binding-added.v1", Encoding.UTF8.GetBytes(StoredV1Payload), "user-alice");

        Assert.Equal(new BindingAdded("sip:alice@10.0.0.7:5060", BindingTransport.Tcp, 3600), loaded);
    }

    [Fact]
    public void Old_payload_loads_through_a_json_migration_without_the_old_type()
    {
        var loaded = Registry().Deserialize("user.presence-changed.v1", """{"status":"busy"}"""u8.ToArray(), "user-bob");

        Assert.Equal(new PresenceChanged("busy", null), loaded);
    }

    [Fact]
    public void Writes_use_the_current_manifest_with_camel_case_names_and_string_enums()
    {
        var payload = Registry().Serialize(new BindingAdded("sip:a@b", BindingTransport.Tls, 60));

        Assert.Equal("user.binding-added.v2", payload.Manifest);
        Assert.Equal("""{"contactUri":"sip:a@b","transport":"tls","expiresSeconds":60}""", Encoding.UTF8.GetString(payload.Bytes));
        Assert.Equal(new BindingAdded("sip:a@b", BindingTransport.Tls, 60), Registry().Deserialize(payload.Manifest, payload.Bytes, "p"));
    }

    [Fact]
    public void Unknown_manifest_names_the_manifest_and_the_persistence_id()
    {
        var ex = Assert.Throws<UnknownManifestException>(() => Registry().Deserialize("user.deleted.v9", "{}"u8.ToArray(), "user-carol"));

        Assert.Equal("user.deleted.v9", ex.Manifest);
        Assert.Equal("user-carol", ex.PersistenceId);
        Assert.Contains("'user.deleted.v9'", ex.Message);
        Assert.Contains("'user-carol'", ex.Message);
    }

    [Fact]
    public void Unregistered_type_cannot_be_serialized()
    {
        var ex = Assert.Throws<PayloadSerializationException>(() => Registry().Serialize(new BindingAddedV1("sip:x", 1)));

        Assert.Contains(nameof(BindingAddedV1), ex.Message);
    }

    [Fact]
    public void Corrupt_payload_is_reported_with_manifest_and_persistence_id()
    {
        var ex = Assert.Throws<PayloadSerializationException>(() =>
            Registry().Deserialize("user.binding-added.v2", "{not json"u8.ToArray(), "user-dave"));

        Assert.Contains("user.binding-added.v2", ex.Message);
        Assert.Contains("user-dave", ex.Message);
    }

    [Fact]
    public void Registering_a_manifest_or_type_twice_is_refused()
    {
        var registry = Registry();

        Assert.Throws<ArgumentException>(() => registry.Register<BindingAdded>("user.binding-added.v3"));
        Assert.Throws<ArgumentException>(() => registry.Register<BindingAddedV1>("user.binding-added.v2"));
        Assert.Throws<ArgumentException>(() => registry.Register<BindingAddedV1>("has space"));
    }
}
