namespace Cluster.Edges.Web;

/// <summary>
/// Who a session belongs to: the entity id (<c>user@domain</c>) every message is routed by, plus the display name
/// the client shows right after login without another round trip.
/// </summary>
/// <param name="UserId">Entity id of the user, e.g. <c>alice@example.com</c>.</param>
/// <param name="DisplayName">Name shown in clients; may equal the id.</param>
public sealed record AuthenticatedUser(string UserId, string DisplayName);
