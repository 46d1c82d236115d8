using Cluster.Runtime.Hocon;

namespace Cluster.Runtime.Sharding.Cluster;

/// <summary>
/// Settings of cluster placement (<c>uc.sharding.cluster.*</c>, this folder's reference.conf). Everything else it
/// needs is derived from the membership timings, so that the rules of leases and fencing hold by construction.
/// </summary>
public sealed record ClusterPlacementSettings
{
    public const string ConfigPath = "uc.sharding.cluster";

    /// <summary>The reference values.</summary>
    public static ClusterPlacementSettings Default { get; } = new();

    /// <summary>Pause between attempts to take a lease held by another live node (uc.sharding.cluster.lease-retry-interval).</summary>
    public TimeSpan LeaseRetryInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value that cannot work; returns this otherwise.</summary>
    public ClusterPlacementSettings Validate()
    {
        if (LeaseRetryInterval <= TimeSpan.Zero)
            throw new ArgumentException($"{ConfigPath}.lease-retry-interval must be positive, got {LeaseRetryInterval}.");
        return this;
    }

    /// <summary>Reads <c>uc.sharding.cluster</c> (the configuration must include the reference defaults).</summary>
    /// <exception cref="ConfigException">a key is missing or out of range.</exception>
    public static ClusterPlacementSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var path = $"{ConfigPath}.lease-retry-interval";
        var retry = config.GetTimeSpan(path);
        if (retry <= TimeSpan.Zero) throw ConfigException.At(config.GetValue(path)?.Origin, path, $"must be a positive duration but is {retry}");
        return new ClusterPlacementSettings { LeaseRetryInterval = retry };
    }
}
