using Cluster.Actors.Common;

namespace Cluster.Actors.Users;

/// <summary>
/// Decides which level a watcher gets and the subscription state that follows. Level, first match wins:
/// the user themself: personal; the watcher's roster entry with a level; the user's setting for the watcher's domain;
/// a colleague of the same domain: company; anyone else: public.
/// State: blocked is refused; a watcher with an open incoming authorization request and no roster level is pending
/// (the user has been asked and not answered: RFC 6665 §4.2.1 "pending", no state sent); everyone else is active.
/// </summary>
public static class PermissionResolver
{
    public static WatcherAccess Resolve(UserState state, UserAddress watcher)
    {
        ArgumentNullException.ThrowIfNull(state);
        var (level, source) = ResolveLevel(state, watcher);
        var subscription =
            level == PermissionLevel.Blocked ? SubscriptionState.Refused
            : source is not (LevelSource.Self or LevelSource.Contact) && state.IncomingRequests.ContainsKey(watcher.ToString()) ? SubscriptionState.Pending
            : SubscriptionState.Active;
        return new WatcherAccess(level, source, subscription);
    }

    public static (PermissionLevel Level, LevelSource Source) ResolveLevel(UserState state, UserAddress watcher)
    {
        if (watcher == state.Address)
        {
            return (PermissionLevel.Personal, LevelSource.Self);
        }

        if (state.Contacts.TryGetValue(watcher.ToString(), out var contact) && contact.Level is { } granted)
        {
            return (granted, LevelSource.Contact);
        }

        if (state.DomainLevels.TryGetValue(watcher.Domain, out var domainLevel))
        {
            return (domainLevel, LevelSource.Domain);
        }

        return watcher.SameDomainAs(state.Address)
            ? (PermissionLevel.Company, LevelSource.SameDomainDefault)
            : (PermissionLevel.Public, LevelSource.ForeignDefault);
    }
}
