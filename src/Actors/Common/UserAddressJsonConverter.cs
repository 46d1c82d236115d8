using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cluster.Actors.Common;

/// <summary>Writes a <see cref="UserAddress"/> as its <c>user@domain</c> string so stored payloads stay readable and stable.</summary>
public sealed class UserAddressJsonConverter : JsonConverter<UserAddress>
{
    public override UserAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a user@domain string, found {reader.TokenType}");
        }

        var text = reader.GetString();
        return UserAddress.TryParse(text, out var address, out var error)
            ? address
            : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, UserAddress value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());

    public override UserAddress ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Read(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, UserAddress value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.ToString());
}
