using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cluster.Edges.Web;

/// <summary>JSON bodies and bearer-token extraction shared by the REST endpoints and the WebSocket upgrade.</summary>
internal static class RestResponses
{
    public static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        body.WriteTo(writer);
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Error body <c>{"error": code, "message": text}</c>; codes are stable, listed in docs/api/rest.md.</summary>
    public static Task Error(HttpContext context, int status, string code, string message) =>
        Json(context, status, new JsonObject { ["error"] = code, ["message"] = message });

    /// <summary>The token of an <c>Authorization: Bearer</c> header (RFC 6750 §2.1), or null.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0 || !AuthenticationHeaderValue.TryParse(header, out var parsed))
            return null;
        return string.Equals(parsed.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(parsed.Parameter)
            ? parsed.Parameter.Trim()
            : null;
    }
}
