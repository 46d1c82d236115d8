namespace Cluster.Edges.Web;

/// <summary>
/// The <c>code</c> values of <c>error</c> messages on the client WebSocket. Stable strings: clients switch on them,
/// so a code is never renamed, only added (docs/api/websocket.md lists them).
/// </summary>
public static class ClientErrorCodes
{
    /// <summary>The message was not valid JSON (or not UTF-8).</summary>
    public const string BadJson = "bad-json";

    /// <summary>Valid JSON, but not an envelope: not an object, no string <c>type</c>, wrong field types, bad data.</summary>
    public const string BadRequest = "bad-request";

    /// <summary>No handler is registered for the <c>type</c>.</summary>
    public const string UnknownType = "unknown-type";

    /// <summary>A handler failed unexpectedly; the details are in the server log only.</summary>
    public const string InternalError = "internal-error";

    /// <summary>The connection sent more messages per second than allowed; it is closed next.</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>The first message was not <c>auth</c> or <c>resume</c>; the connection is closed next.</summary>
    public const string AuthRequired = "auth-required";

    /// <summary>The token was missing, unknown, revoked or expired; the connection is closed next.</summary>
    public const string AuthFailed = "auth-failed";

    /// <summary><c>auth</c> or <c>resume</c> on a connection that already has a session.</summary>
    public const string AlreadyAuthenticated = "already-authenticated";

    /// <summary>The requested feature is not configured on this node (e.g. TURN credentials).</summary>
    public const string NotAvailable = "not-available";
}
