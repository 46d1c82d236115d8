namespace Cluster.Edges.Web.Api;

/// <summary>
/// Error codes the client API handlers answer with, besides the edge's own (<see cref="ClientErrorCodes"/>). Stable
/// strings: clients switch on them. docs/api/websocket.md lists them with their meaning.
/// </summary>
public static class ApiErrorCodes
{
    /// <summary>The user, contact, request, device or call does not exist.</summary>
    public const string NotFound = "not-found";

    /// <summary>The user is disabled, or the peer blocked the request.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>A per-user limit (contacts, watchers, push devices) would be exceeded.</summary>
    public const string LimitExceeded = "limit-exceeded";

    /// <summary>The recipient's offline store is full; retry later.</summary>
    public const string MailboxFull = "mailbox-full";

    /// <summary>The message is larger than allowed.</summary>
    public const string TooLarge = "too-large";

    /// <summary>The request conflicts with the current state (e.g. out of order).</summary>
    public const string Conflict = "conflict";

    /// <summary>The feature is not configured on this node (call control, directory) or its service did not answer.</summary>
    public const string Unavailable = "unavailable";
}
