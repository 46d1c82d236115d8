using System.Text.Json;
using System.Text.Json.Serialization;
using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// Writes an <see cref="IActorRef"/> inside a message as its full serialization path
/// (<c>uc://uc@10.0.0.5:4053/user/a#1234</c>) and resolves it on read through the receiving system's provider: a
/// path of the receiving node becomes the local reference, any other a <see cref="RemoteActorRef"/>. This is what lets
/// a message carry "reply to this actor" across nodes, including an ask's temporary reference.
/// </summary>
internal sealed class ActorRefJsonConverter(RemoteActorRefProvider provider) : JsonConverter<IActorRef>
{
    public override IActorRef? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"An actor reference must be a JSON string (a path), not {reader.TokenType}.");
        var path = reader.GetString()!;
        return provider.ResolveSerializedRef(path);
    }

    public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options)
    {
        var path = provider.SerializedPathOf(value);
        if (path is null) writer.WriteNullValue();
        else writer.WriteStringValue(path);
    }
}
