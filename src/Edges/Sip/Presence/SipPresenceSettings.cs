namespace Cluster.Edges.Sip.Presence;

/// <summary>
/// Expiry policy and limits for presence subscriptions and publications (<c>uc.sip.presence.*</c>). The dialog table
/// is bounded because every SUBSCRIBE dialog costs memory on the node that holds the watcher's flow.
/// </summary>
public sealed record SipPresenceSettings
{
    public static readonly SipPresenceSettings Default = new();

    /// <summary>Shortest non-zero subscription or publication, in seconds (<c>uc.sip.presence.min-expires</c>).</summary>
    public int MinExpiresSeconds { get; init; } = 60;

    /// <summary>Longest subscription or publication granted, in seconds (<c>uc.sip.presence.max-expires</c>).</summary>
    public int MaxExpiresSeconds { get; init; } = 7200;

    /// <summary>Subscription expiry when none is asked for (<c>uc.sip.presence.default-subscribe-expires</c>).</summary>
    public int DefaultSubscribeExpiresSeconds { get; init; } = 3600;

    /// <summary>Publication expiry when none is asked for (<c>uc.sip.presence.default-publish-expires</c>).</summary>
    public int DefaultPublishExpiresSeconds { get; init; } = 3600;

    /// <summary>SUBSCRIBE dialogs held at once (<c>uc.sip.presence.max-subscriptions</c>); beyond it new ones get 503.</summary>
    public int MaxSubscriptions { get; init; } = 100_000;

    /// <summary>Rejects inconsistent values naming the HOCON key.</summary>
    public SipPresenceSettings Validate()
    {
        if (MinExpiresSeconds < 1) throw new ArgumentException($"uc.sip.presence.min-expires must be at least 1s (is {MinExpiresSeconds}s)");
        if (MaxExpiresSeconds < MinExpiresSeconds)
            throw new ArgumentException($"uc.sip.presence.max-expires ({MaxExpiresSeconds}s) must not be below min-expires ({MinExpiresSeconds}s)");
        Within("default-subscribe-expires", DefaultSubscribeExpiresSeconds);
        Within("default-publish-expires", DefaultPublishExpiresSeconds);
        if (MaxSubscriptions < 1) throw new ArgumentException($"uc.sip.presence.max-subscriptions must be at least 1 (is {MaxSubscriptions})");
        return this;
    }

    /// <summary>Applies the policy to a requested expiry: null = default, above max = max; below min (non-zero) is the caller's 423.</summary>
    internal int Grant(uint? requested, int defaultSeconds) =>
        requested is null ? defaultSeconds : (int)Math.Min(requested.Value, (uint)MaxExpiresSeconds);

    private void Within(string key, int value)
    {
        if (value < MinExpiresSeconds || value > MaxExpiresSeconds)
            throw new ArgumentException($"uc.sip.presence.{key} ({value}s) must lie between min-expires ({MinExpiresSeconds}s) and max-expires ({MaxExpiresSeconds}s)");
    }
}
