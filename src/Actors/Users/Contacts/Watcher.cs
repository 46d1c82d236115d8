using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>
/// A presence subscription on this user, from a SIP SUBSCRIBE dialog or a web session. Persisted when added and when
/// removed, because the watcher's edge lives on and would never learn that a moved entity forgot it; refreshes are
/// ephemeral (<see cref="UserEphemeralState.WatcherRefreshes"/>).
/// </summary>
/// <param name="Id">The edge node and its subscription id; where notifications go.</param>
/// <param name="WatcherAddress">Who is watching; decides the level.</param>
/// <param name="Kind">SIP dialog or web session.</param>
/// <param name="ExpiresAt">When the subscription lapses unless refreshed (RFC 6665 §4.1.2.1).</param>
/// <param name="Since">When it was added.</param>
public sealed record Watcher(EdgeEndpoint Id, UserAddress WatcherAddress, DeviceKind Kind, DateTimeOffset ExpiresAt, DateTimeOffset Since);
