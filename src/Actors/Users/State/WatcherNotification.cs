namespace Cluster.Actors.Users;

/// <summary>What a watcher was last told, so a change is sent once and an unchanged view is not sent again.</summary>
public sealed record WatcherNotification(SubscriptionState State, PresenceView? View);
