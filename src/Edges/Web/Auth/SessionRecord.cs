using System.Net;

namespace Cluster.Edges.Web;

/// <summary>
/// One issued session token as the store keeps it: everything but the token itself (only its SHA-256 hash is
/// kept), so a listing for the operator shell or a leaked memory dump never reveals a usable token.
/// </summary>
/// <param name="TokenId">Random public id used to list and revoke the token; not usable for authentication.</param>
/// <param name="User">Owner of the token.</param>
/// <param name="CreatedAt">When the login happened.</param>
/// <param name="LastUsedAt">Last successful authentication with the token.</param>
/// <param name="ExpiresAt">Sliding expiry: last use + TTL, capped by <paramref name="AbsoluteExpiresAt"/>.</param>
/// <param name="AbsoluteExpiresAt">Creation + maximum lifetime; the token never lives past it.</param>
/// <param name="RemoteAddress">Client address at login (after trusted-proxy resolution).</param>
/// <param name="UserAgent">User-Agent header at login, for the operator's listing.</param>
public sealed record SessionRecord(
    string TokenId,
    AuthenticatedUser User,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUsedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset AbsoluteExpiresAt,
    IPAddress? RemoteAddress,
    string? UserAgent);
