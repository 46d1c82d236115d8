using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Serilog;

namespace Cluster.Edges.Web;

/// <summary>
/// The REST endpoints of the edge: health and readiness probes, login/logout, the token's own session, TURN
/// credentials and service discovery. Hand-routed (no MVC, no endpoint routing) to keep startup fast and the
/// set of URLs obvious; docs/api/rest.md documents each.
/// </summary>
internal sealed class RestEndpoints(
    WebSettings settings,
    WebEdgeServices services,
    ISessionStore tokens,
    LoginThrottle throttle,
    ReadinessChecks readiness,
    WebEdgeCounters counters,
    ILogger log)
{
    private const int MaxLoginBody = 16 * 1024;

    /// <summary>Handles the request if its path is a REST endpoint; false otherwise.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        Func<HttpContext, Task>? handler = (path, context.Request.Method) switch
        {
            ("/health", "GET" or "HEAD") => Health,
            ("/ready", "GET" or "HEAD") => Ready,
            ("/api/v1/info", "GET") => Info,
            ("/api/v1/login", "POST") => Login,
            ("/api/v1/logout", "POST") => Logout,
            ("/api/v1/session", "GET") => Session,
            ("/api/v1/turn-credentials", "GET") => TurnCredentials,
            _ => null,
        };
        if (handler is not null)
        {
            await handler(context).ConfigureAwait(false);
            return true;
        }
        var allowed = path switch
        {
            "/health" or "/ready" => "GET, HEAD",
            "/api/v1/info" or "/api/v1/session" or "/api/v1/turn-credentials" => "GET",
            "/api/v1/login" or "/api/v1/logout" => "POST",
            _ => null,
        };
        if (allowed is null)
            return false;
        context.Response.Headers.Allow = allowed;
        await RestResponses.Error(context, StatusCodes.Status405MethodNotAllowed, "method-not-allowed", $"use {allowed}").ConfigureAwait(false);
        return true;
    }

    private static Task Health(HttpContext context) =>
        RestResponses.Json(context, StatusCodes.Status200OK, new JsonObject { ["status"] = "alive" });

    private async Task Ready(HttpContext context)
    {
        var failing = await readiness.FailingAsync(context.RequestAborted).ConfigureAwait(false);
        if (failing.Count == 0)
        {
            await RestResponses.Json(context, StatusCodes.Status200OK, new JsonObject { ["status"] = "ready" }).ConfigureAwait(false);
            return;
        }
        var checks = new JsonObject();
        foreach (var (name, reason) in failing)
            checks[name] = reason;
        await RestResponses.Json(context, StatusCodes.Status503ServiceUnavailable,
            new JsonObject { ["status"] = "not-ready", ["failing"] = checks }).ConfigureAwait(false);
    }

    private Task Info(HttpContext context)
    {
        var baseUrl = settings.PublicBaseUrl?.TrimEnd('/') ?? $"{context.Request.Scheme}://{context.Request.Host}";
        var socketBase = baseUrl.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? "wss" + baseUrl[5..] : "ws" + baseUrl[4..];
        return RestResponses.Json(context, StatusCodes.Status200OK, new JsonObject
        {
            ["apiVersion"] = 1,
            ["baseUrl"] = baseUrl,
            ["websocketUrl"] = socketBase + ClientEndpoint.Path,
        });
    }

    private async Task Login(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await RestResponses.Error(context, StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "send application/json").ConfigureAwait(false);
            return;
        }
        if (request.ContentLength > MaxLoginBody)
        {
            await RestResponses.Error(context, StatusCodes.Status413PayloadTooLarge, "too-large", $"body above {MaxLoginBody} bytes").ConfigureAwait(false);
            return;
        }
        var body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await RestResponses.Error(context, StatusCodes.Status413PayloadTooLarge, "too-large", $"body above {MaxLoginBody} bytes").ConfigureAwait(false);
            return;
        }
        if (!TryParseLogin(body, out var username, out var password, out var problem))
        {
            await RestResponses.Error(context, StatusCodes.Status400BadRequest, "bad-request", problem).ConfigureAwait(false);
            return;
        }

        var address = context.Connection.RemoteIpAddress;
        var admission = throttle.Admit(address, username);
        if (!admission.IsAllowed)
        {
            if (admission.Refusal == LoginRefusal.Locked)
                counters.LoginLocked();
            else
                counters.LoginRateLimited();
            var seconds = Math.Max(1, (long)Math.Ceiling(admission.RetryAfter.TotalSeconds));
            log.Warning("Login of {Username} from {Address} refused: {Refusal}, retry after {RetryAfter} s", username, address, admission.Refusal, seconds);
            // RFC 6585 §4 / RFC 9110 §10.2.3. The same answer for a lock and a rate limit, right password or not.
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await RestResponses.Error(context, StatusCodes.Status429TooManyRequests, "too-many-attempts",
                "too many login attempts; try again later").ConfigureAwait(false);
            return;
        }

        CredentialCheck check;
        try
        {
            check = await services.CredentialVerifier.VerifyAsync(username, password, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            log.Error(ex, "Login of {Username} from {Address} could not be checked", username, address);
            await RestResponses.Error(context, StatusCodes.Status503ServiceUnavailable, "unavailable", "login is unavailable right now").ConfigureAwait(false);
            return;
        }
        if (check.User is not { } user)
        {
            counters.LoginFailed();
            var locked = throttle.RecordFailure(username);
            log.Warning("Login of {Username} from {Address} failed: {Reason}{Locked}", username, address, check.FailureReason,
                locked ? $"; username locked for {settings.LockoutDuration}" : string.Empty);
            await RestResponses.Error(context, StatusCodes.Status401Unauthorized, "invalid-credentials", "wrong username or password").ConfigureAwait(false);
            return;
        }

        throttle.RecordSuccess(username);
        counters.LoginOk();
        var issued = tokens.Create(user, address, request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null);
        log.Information("Login of {UserId} from {Address} (token {TokenId})", user.UserId, address, issued.Record.TokenId);
        await RestResponses.Json(context, StatusCodes.Status200OK, new JsonObject
        {
            ["token"] = issued.Token,
            ["tokenId"] = issued.Record.TokenId,
            ["expiresAt"] = issued.Record.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
            ["user"] = UserJson(user),
        }).ConfigureAwait(false);
    }

    private async Task Logout(HttpContext context)
    {
        if (RestResponses.BearerToken(context.Request) is not { } token || !tokens.RevokeToken(token))
        {
            await Unauthorized(context).ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private async Task Session(HttpContext context)
    {
        if (Authenticate(context) is not { } record)
        {
            await Unauthorized(context).ConfigureAwait(false);
            return;
        }
        await RestResponses.Json(context, StatusCodes.Status200OK, new JsonObject
        {
            ["tokenId"] = record.TokenId,
            ["user"] = UserJson(record.User),
            ["createdAt"] = record.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            ["expiresAt"] = record.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
        }).ConfigureAwait(false);
    }

    private async Task TurnCredentials(HttpContext context)
    {
        if (Authenticate(context) is not { } record)
        {
            await Unauthorized(context).ConfigureAwait(false);
            return;
        }
        if (services.TurnCredentials is not { } issuer)
        {
            await RestResponses.Error(context, StatusCodes.Status503ServiceUnavailable, "turn-not-configured", "no TURN server is configured").ConfigureAwait(false);
            return;
        }
        await RestResponses.Json(context, StatusCodes.Status200OK, TurnJson(issuer.Issue(record.User.UserId))).ConfigureAwait(false);
    }

    /// <summary>The JSON shape of TURN credentials, shared with the WebSocket "turn.credentials" message.</summary>
    public static JsonObject TurnJson(TurnCredentials credentials) => new()
    {
        ["username"] = credentials.Username,
        ["password"] = credentials.Password,
        ["ttl"] = (long)credentials.Ttl.TotalSeconds,
        ["uris"] = new JsonArray(credentials.Uris.Select(u => (JsonNode?)JsonValue.Create(u)).ToArray()),
    };

    private SessionRecord? Authenticate(HttpContext context) =>
        RestResponses.BearerToken(context.Request) is { } token && tokens.TryValidate(token, out var record) ? record : null;

    private static Task Unauthorized(HttpContext context)
    {
        // RFC 6750 §3: tell the client which scheme to use.
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"uc\"";
        return RestResponses.Error(context, StatusCodes.Status401Unauthorized, "unauthorized", "a valid bearer token is required");
    }

    private static JsonObject UserJson(AuthenticatedUser user) => new() { ["id"] = user.UserId, ["displayName"] = user.DisplayName };

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxLoginBody)
                return null;
        }
        return buffer.ToArray();
    }

    private static bool TryParseLogin(byte[] body, out string username, out string password, out string problem)
    {
        username = password = problem = string.Empty;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("username", out var user) || user.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("password", out var pass) || pass.ValueKind != JsonValueKind.String)
            {
                problem = "expected {\"username\": string, \"password\": string}";
                return false;
            }
            username = user.GetString()!.Trim();
            password = pass.GetString()!;
            if (username.Length is 0 or > 256 || password.Length > 1024)
            {
                problem = "username must have 1..256 characters and password at most 1024";
                return false;
            }
            return true;
        }
        catch (JsonException ex)
        {
            problem = "body is not valid JSON: " + ex.Message;
            return false;
        }
    }
}
