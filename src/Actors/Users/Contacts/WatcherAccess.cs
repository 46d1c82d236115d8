namespace Cluster.Actors.Users;

/// <summary>The level a watcher gets, the rule that decided it, and the resulting subscription state.</summary>
public sealed record WatcherAccess(Cluster.Actors.Common.PermissionLevel Level, LevelSource Source, SubscriptionState State);
