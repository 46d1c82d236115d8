namespace Cluster.Actors.Users;

/// <summary>A watcher's subscription state, named after RFC 6665 §4.1.3 Subscription-State values.</summary>
public enum SubscriptionState
{
    /// <summary>The watcher sees the view its level allows.</summary>
    Active,

    /// <summary>The watcher asked for authorization and the user has not decided: no presence is sent.</summary>
    Pending,

    /// <summary>The watcher is blocked; the subscription is refused (or terminated with reason=rejected).</summary>
    Refused,

    /// <summary>The subscription ended (expired or the user was removed).</summary>
    Terminated,
}
