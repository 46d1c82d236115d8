using System.Text.Json;
using System.Text.Json.Serialization;
using Cluster.Actors.Common;
using Cluster.Actors.Users.Entity;
using Cluster.Runtime.Persistence.Serialization;

namespace Cluster.Node.Clustering;

/// <summary>
/// Writes a <see cref="UserEnvelope"/> for remoting as <c>{"user": "...", "manifest": "...", "message": {...}}</c>:
/// the envelope's message is typed <c>object</c>, so its registered manifest says how to read it back on the
/// node that hosts the entity.
/// </summary>
internal sealed class UserEnvelopeJsonConverter(SerializerRegistry registry) : JsonConverter<UserEnvelope>
{
    public override UserEnvelope Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("user", out var user) || user.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("manifest", out var manifest) || manifest.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("message", out var message))
        {
            throw new JsonException("a user envelope needs string 'user' and 'manifest' and a 'message'");
        }
        var name = manifest.GetString()!;
        if (!registry.IsKnown(name)) throw new JsonException($"user envelope carries unknown manifest '{name}'");
        var body = registry.Deserialize(name, JsonSerializer.SerializeToUtf8Bytes(message), "user envelope message")
                   ?? throw new JsonException($"user envelope message of manifest '{name}' is null");
        return new UserEnvelope(UserAddress.Parse(user.GetString()!), body);
    }

    public override void Write(Utf8JsonWriter writer, UserEnvelope value, JsonSerializerOptions options)
    {
        var type = value.Message.GetType();
        if (!registry.TryGetManifest(type, out var manifest))
        {
            throw new JsonException($"{type.Name} has no remoting manifest (NodeRemoteMessages registers the user messages)");
        }
        writer.WriteStartObject();
        writer.WriteString("user", value.User.ToString());
        writer.WriteString("manifest", manifest);
        writer.WritePropertyName("message");
        JsonSerializer.Serialize(writer, value.Message, type, options);
        writer.WriteEndObject();
    }
}
