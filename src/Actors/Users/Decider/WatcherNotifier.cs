namespace Cluster.Actors.Users;

/// <summary>
/// Works out which watchers must be told something: each live watcher's (state, filtered view) is compared with what it
/// was last told (<see cref="UserEphemeralState.Notified"/>) and only a difference produces a <see cref="NotifyWatcher"/>.
/// Because the comparison is against what was sent, not against the previous state, changes caused by time alone (an
/// explicit state's "until" passing, a binding expiring) are caught as soon as the entity runs <see cref="ExpireDue"/>.
/// After a failover nothing is known to have been sent, so every watcher gets one notification: a resynchronisation.
/// </summary>
internal static class WatcherNotifier
{
    public static List<IUserEphemeralChange> Plan(UserState state, DateTimeOffset now, List<IUserEffect> effects)
    {
        var changes = new List<IUserEphemeralChange>();
        if (state.Watchers.IsEmpty)
        {
            return changes;
        }

        var presence = state.PresenceAt(now);
        foreach (var watcher in state.LiveWatchers(now))
        {
            var notification = NotificationFor(state, presence, watcher);
            if (state.Ephemeral.Notified.TryGetValue(watcher.Id.Key, out var last) && last == notification)
            {
                continue;
            }

            effects.Add(new NotifyWatcher(watcher.Id, state.Address, notification.State, notification.View, null));
            changes.Add(new WatcherNotified(watcher.Id.Key, notification));
        }

        return changes;
    }

    /// <summary>What a watcher should currently know: its subscription state and, when active, the filtered view.</summary>
    public static WatcherNotification NotificationFor(UserState state, EffectivePresence presence, Watcher watcher)
    {
        var access = state.AccessFor(watcher.WatcherAddress);
        var view = access.State == SubscriptionState.Active ? PresenceVisibility.Filter(state.Address, presence, access.Level) : null;
        return new WatcherNotification(access.State, view);
    }
}
