using System.Text.Json;

namespace Cluster.Edges.Web;

/// <summary>
/// One parsed inbound message: <c>{"type": "...", "id": "...", "data": {...}}</c>. Parsing is strict about the
/// envelope's shape (so bad clients hear about it at once) and leaves <c>data</c> to the handler.
/// </summary>
/// <param name="Type">Message type the handler is chosen by.</param>
/// <param name="Id">Client correlation id echoed in the reply; null for none.</param>
/// <param name="Data">The <c>data</c> object, or an empty object when absent.</param>
public sealed record ClientEnvelope(string Type, string? Id, JsonElement Data)
{
    private const int MaxTypeLength = 64;
    private const int MaxIdLength = 128;
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>
    /// Parses a message. On failure <paramref name="errorCode"/> is <see cref="ClientErrorCodes.BadJson"/> or
    /// <see cref="ClientErrorCodes.BadRequest"/>, <paramref name="error"/> says what is wrong, and
    /// <paramref name="id"/> carries the client's id when it could be read, so the error can still be correlated.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out ClientEnvelope envelope, out string? id, out string errorCode, out string error)
    {
        envelope = null!;
        id = null;
        errorCode = error = string.Empty;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            errorCode = ClientErrorCodes.BadJson;
            error = $"not valid JSON: {ex.Message}";
            return false;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return Fail(ClientErrorCodes.BadRequest, $"a message must be a JSON object, got {root.ValueKind}", out errorCode, out error);
            if (root.TryGetProperty("id", out var idElement))
            {
                if (idElement.ValueKind != JsonValueKind.String || idElement.GetString()!.Length > MaxIdLength)
                    return Fail(ClientErrorCodes.BadRequest, $"\"id\" must be a string of at most {MaxIdLength} characters", out errorCode, out error);
                id = idElement.GetString();
            }
            if (!root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
                return Fail(ClientErrorCodes.BadRequest, "\"type\" is missing or not a string", out errorCode, out error);
            var type = typeElement.GetString()!;
            if (type.Length is 0 or > MaxTypeLength)
                return Fail(ClientErrorCodes.BadRequest, $"\"type\" must have 1..{MaxTypeLength} characters", out errorCode, out error);
            var data = EmptyObject;
            if (root.TryGetProperty("data", out var dataElement) && dataElement.ValueKind != JsonValueKind.Null)
            {
                if (dataElement.ValueKind != JsonValueKind.Object)
                    return Fail(ClientErrorCodes.BadRequest, "\"data\" must be an object", out errorCode, out error);
                data = dataElement.Clone();
            }
            envelope = new ClientEnvelope(type, id, data);
            return true;
        }
    }

    private static bool Fail(string code, string message, out string errorCode, out string error)
    {
        errorCode = code;
        error = message;
        return false;
    }
}
