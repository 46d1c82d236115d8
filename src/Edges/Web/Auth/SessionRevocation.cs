namespace Cluster.Edges.Web;

/// <summary>Why a token stopped being valid; sent to open WebSockets of that token as the close reason.</summary>
public enum SessionEndReason
{
    /// <summary>The client logged out.</summary>
    LoggedOut,

    /// <summary>An operator or the user revoked it.</summary>
    Revoked,

    /// <summary>Its sliding or absolute lifetime ran out.</summary>
    Expired,
}

/// <summary>
/// Raised by an <see cref="ISessionStore"/> when a token ends, so the edge can close every connection that
/// authenticated with it (a revoked token must stop working on sockets already open, not only on new requests).
/// </summary>
/// <param name="TokenId">Public id of the ended token.</param>
/// <param name="UserId">Its owner.</param>
/// <param name="Reason">Why it ended.</param>
public sealed record SessionRevocation(string TokenId, string UserId, SessionEndReason Reason);
