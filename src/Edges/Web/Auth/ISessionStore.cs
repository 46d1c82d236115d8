using System.Net;

namespace Cluster.Edges.Web;

/// <summary>
/// Issues and checks bearer tokens for the REST API and the client WebSocket. An abstraction because the first
/// implementation is node-local memory (<see cref="InMemorySessionStore"/>) while a cluster may later want tokens
/// valid on every node; the edge only needs these operations.
/// </summary>
public interface ISessionStore
{
    /// <summary>Raised after a token was revoked, logged out or found expired.</summary>
    event Action<SessionRevocation>? Ended;

    /// <summary>Creates a token for <paramref name="user"/>.</summary>
    IssuedSession Create(AuthenticatedUser user, IPAddress? remoteAddress, string? userAgent);

    /// <summary>
    /// Checks a presented token; on success slides its expiry and returns the record. Expired tokens are removed
    /// (raising <see cref="Ended"/>) and fail.
    /// </summary>
    bool TryValidate(string token, out SessionRecord record);

    /// <summary>Every live token, for the operator.</summary>
    IReadOnlyList<SessionRecord> List();

    /// <summary>Revokes the token with public id <paramref name="tokenId"/>; false when there is none.</summary>
    bool Revoke(string tokenId, SessionEndReason reason = SessionEndReason.Revoked);

    /// <summary>Revokes every token of <paramref name="userId"/>; returns how many.</summary>
    int RevokeAll(string userId);

    /// <summary>Revokes the token presented by the client itself (logout); false when it is unknown.</summary>
    bool RevokeToken(string token, SessionEndReason reason = SessionEndReason.LoggedOut);

    /// <summary>Removes expired tokens; returns how many. The edge calls it periodically.</summary>
    int RemoveExpired();
}
