using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>A pending request to be allowed to see a user's presence ("add me to your contacts").</summary>
public sealed record AuthorizationRequest(UserAddress Peer, AuthorizationDirection Direction, string? Message, DateTimeOffset At);
