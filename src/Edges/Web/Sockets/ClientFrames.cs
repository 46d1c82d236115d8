using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cluster.Edges.Web;

/// <summary>
/// Serializes outbound envelopes once, to UTF-8 bytes, so a push is encoded a single time whether it is sent at
/// once, queued, or replayed after a resume.
/// </summary>
internal static class ClientFrames
{
    public const string Result = "result";
    public const string Error = "error";
    public const string ResyncRequired = "resync-required";

    /// <summary>Encodes <c>{"type","id"?,"seq"?,"data"}</c>.</summary>
    public static byte[] Encode(string type, string? id, long? seq, JsonNode? data)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            if (id is not null)
                writer.WriteString("id", id);
            if (seq is { } s)
                writer.WriteNumber("seq", s);
            writer.WritePropertyName("data");
            if (data is null)
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
            else
                data.WriteTo(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] EncodeError(string? id, string code, string message) =>
        Encode(Error, id, null, new JsonObject { ["code"] = code, ["message"] = message });
}
