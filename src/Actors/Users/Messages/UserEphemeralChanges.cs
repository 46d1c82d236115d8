namespace Cluster.Actors.Users;

/// <summary>
/// A state change the entity applies without journaling (<see cref="UserState.ApplyEphemeral"/>): refreshes, sessions,
/// notification bookkeeping, replies to commands that journaled nothing. Lost on failover by design.
/// </summary>
public interface IUserEphemeralChange;

/// <summary>A REGISTER only extended a binding's expiry (and advanced its CSeq).</summary>
public sealed record BindingRefreshed(BindingRefresh Refresh) : IUserEphemeralChange;

/// <summary>A session opened or sent a heartbeat.</summary>
public sealed record SessionAnnounced(ClientSession Session) : IUserEphemeralChange;

public sealed record SessionClosed(string Key) : IUserEphemeralChange;

/// <summary>All sessions are dropped (user disabled or removed).</summary>
public sealed record SessionsCleared : IUserEphemeralChange
{
    public static SessionsCleared Instance { get; } = new();
}

public sealed record WatcherRefreshed(string Key, DateTimeOffset ExpiresAt) : IUserEphemeralChange;

/// <summary>A watcher was told this (or, with a null notification, is forgotten).</summary>
public sealed record WatcherNotified(string Key, WatcherNotification? Notification) : IUserEphemeralChange;

/// <summary>The reply to a command with an id that journaled nothing.</summary>
public sealed record CommandAnswered(string CommandId, IUserReply Reply) : IUserEphemeralChange;
