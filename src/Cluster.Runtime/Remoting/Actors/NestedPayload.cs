using System.Text.Json;
using Cluster.Runtime.Persistence.Serialization;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// An <c>object</c>-typed field inside a message (Identify's message id, Status.Success's value, the message inside
/// an actor selection) written as <c>{"manifest": "...", "value": ...}</c>: the value's own registered manifest says
/// how to read it back, so such fields keep their type across nodes instead of arriving as a JSON element.
/// </summary>
internal static class NestedPayload
{
    public static void Write(Utf8JsonWriter writer, string propertyName, object? value, SerializerRegistry registry)
    {
        writer.WritePropertyName(propertyName);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }
        var type = value.GetType();
        if (!registry.TryGetManifest(type, out var manifest)) throw new UnregisteredMessageTypeException(type);
        writer.WriteStartObject();
        writer.WriteString("manifest", manifest);
        writer.WritePropertyName("value");
        JsonSerializer.Serialize(writer, value, type, registry.Options);
        writer.WriteEndObject();
    }

    /// <summary>Reads the value at the reader's position (an object written by <see cref="Write"/> or null).</summary>
    public static object? Read(ref Utf8JsonReader reader, SerializerRegistry registry)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("manifest", out var manifestElement) || manifestElement.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("value", out var valueElement))
            throw new JsonException("A nested payload must be an object with a string 'manifest' and a 'value'.");
        var manifest = manifestElement.GetString()!;
        if (!registry.IsKnown(manifest)) throw new JsonException($"Nested payload has unknown manifest '{manifest}'.");
        return registry.Deserialize(manifest, JsonSerializer.SerializeToUtf8Bytes(valueElement), "nested remote payload");
    }
}
