using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Cluster.Edges.Web.Api;

/// <summary>
/// Serves the browser client (src/Edges/Web/Client, embedded in this assembly as <c>webclient/*</c>) at <c>/</c>.
/// Everything the app needs comes from the node itself, so it works without internet access and the content
/// security policy can forbid every other origin.
/// </summary>
public static class WebClientFiles
{
    private const string Prefix = "webclient/";

    /// <summary>Only same-origin scripts, styles and sockets; no inline script, no framing.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static readonly FrozenDictionary<string, StaticFile> Files = Load();

    /// <summary>The paths served (for the docs and tests).</summary>
    public static IReadOnlyCollection<string> Paths => Files.Keys;

    /// <summary>Answers GET/HEAD for <c>/</c> and the client's files; false for anything else.</summary>
    public static async Task<bool> TryServeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            return false;
        var path = request.Path.Value is null or "/" ? "/index.html" : request.Path.Value;
        if (!Files.TryGetValue(path, out var file))
            return false;
        var response = context.Response;
        response.Headers.ETag = file.ETag;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        if (request.Headers.IfNoneMatch == file.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return true;
        }
        response.ContentType = file.ContentType;
        response.ContentLength = file.Content.Length;
        if (HttpMethods.IsGet(request.Method))
            await response.Body.WriteAsync(file.Content, context.RequestAborted).ConfigureAwait(false);
        return true;
    }

    private static FrozenDictionary<string, StaticFile> Load()
    {
        var assembly = typeof(WebClientFiles).Assembly;
        var files = new Dictionary<string, StaticFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
                continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"";
            files["/" + name[Prefix.Length..]] = new StaticFile(content, ContentTypeOf(name), etag);
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };

    private sealed record StaticFile(byte[] Content, string ContentType, string ETag);
}
