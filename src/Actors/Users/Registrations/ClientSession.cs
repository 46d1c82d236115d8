using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>
/// A web or app session of the user (a WebSocket held by some node), used as a presence source and a chat delivery
/// target. Sessions are ephemeral: the session actor re-announces itself every heartbeat, so an entity that moved
/// nodes learns them again within one heartbeat interval.
/// </summary>
/// <param name="Endpoint">The node and session id.</param>
/// <param name="Client">The client's product string (e.g. "ProCall Web 9.1").</param>
/// <param name="ExpiresAt">When the session is considered gone unless touched again.</param>
/// <param name="Idle">True when the client reported the user idle (no input); an all-idle user shows as away.</param>
/// <param name="OpenedAt">When the session was first announced to this entity.</param>
public sealed record ClientSession(EdgeEndpoint Endpoint, string? Client, DateTimeOffset ExpiresAt, bool Idle, DateTimeOffset OpenedAt);
