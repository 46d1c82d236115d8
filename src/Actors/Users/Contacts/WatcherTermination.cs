namespace Cluster.Actors.Users;

/// <summary>Why a subscription ended, named after the RFC 6665 §4.2.2 reason codes the SIP edge sends.</summary>
public enum WatcherTermination
{
    /// <summary>The watcher unsubscribed (Expires 0 or session closed).</summary>
    Unsubscribed,

    /// <summary>The subscription was not refreshed in time (reason=timeout).</summary>
    Timeout,

    /// <summary>The user blocked the watcher (reason=rejected).</summary>
    Rejected,

    /// <summary>The user was removed (reason=noresource).</summary>
    NoResource,
}
