using System.Collections.Immutable;

namespace Cluster.Actors.Users;

/// <summary>
/// The part of the user's state that is never journaled and may be lost when the entity moves to another node:
/// registration and subscription refreshes, web sessions, what each watcher was last told, and replies to commands that
/// changed nothing durable. Everything here is re-created by the other side (next REGISTER/SUBSCRIBE refresh, next
/// session heartbeat) or is harmless to lose (a watcher gets one redundant NOTIFY). Kept apart from the durable state so
/// that "replay the journal" and "the live path" can be compared exactly.
/// </summary>
public sealed record UserEphemeralState
{
    public static UserEphemeralState Empty { get; } = new();

    public ImmutableSortedDictionary<string, BindingRefresh> BindingRefreshes { get; init; } = ImmutableSortedDictionary.Create<string, BindingRefresh>(StringComparer.Ordinal);

    /// <summary>Web/app sessions by endpoint key.</summary>
    public ImmutableSortedDictionary<string, ClientSession> Sessions { get; init; } = ImmutableSortedDictionary.Create<string, ClientSession>(StringComparer.Ordinal);

    /// <summary>Refreshed expiry of watchers by watcher key.</summary>
    public ImmutableSortedDictionary<string, DateTimeOffset> WatcherRefreshes { get; init; } = ImmutableSortedDictionary.Create<string, DateTimeOffset>(StringComparer.Ordinal);

    /// <summary>The last notification per watcher key.</summary>
    public ImmutableSortedDictionary<string, WatcherNotification> Notified { get; init; } = ImmutableSortedDictionary.Create<string, WatcherNotification>(StringComparer.Ordinal);

    /// <summary>Replies to commands with an id whose outcome was not journaled (rejections, refreshes, no-ops).</summary>
    public RecentCommands Answers { get; init; } = RecentCommands.Empty;
}
