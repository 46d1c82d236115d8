using Cluster.Runtime.Hocon;
using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Sharding;

/// <summary>
/// Settings of one sharded entity type (Akka's ClusterShardingSettings), read from <c>uc.sharding.*</c> (see this
/// folder's reference.conf for units and what <c>off</c> means). A record so that a type can differ from the node
/// defaults with a <c>with</c> expression, e.g. a shorter idle timeout for call entities.
/// </summary>
public sealed record ClusterShardingSettings
{
    /// <summary>Configuration path of these settings.</summary>
    public const string ConfigPath = "uc.sharding";

    /// <summary>The reference defaults, for tests and code that loads no configuration.</summary>
    public static ClusterShardingSettings Default { get; } = new();

    /// <summary>Only nodes with this role host the type; null = every node (uc.sharding.role).</summary>
    public string? Role { get; init; }

    /// <summary>Shards per type; fixed for the life of the cluster (uc.sharding.number-of-shards).</summary>
    public int NumberOfShards { get; init; } = 1000;

    /// <summary>Idle time after which an entity is passivated; null = off (uc.sharding.passivate-idle-entity-after).</summary>
    public TimeSpan? PassivateIdleEntityAfter { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Messages a region (and a shard, for passivating entities) buffers at most (uc.sharding.buffer-size).</summary>
    public int BufferSize { get; init; } = 100_000;

    /// <summary>Time entities get to stop during a hand-off before they are stopped forcibly (uc.sharding.hand-off-timeout).</summary>
    public TimeSpan HandOffTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Time one shard-home request to the locator may take (uc.sharding.shard-start-timeout).</summary>
    public TimeSpan ShardStartTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Delay before a failed shard-home request is retried (uc.sharding.retry-interval).</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Time a region waits for its shards when answering queries (uc.sharding.shard-region-query-timeout).</summary>
    public TimeSpan ShardRegionQueryTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Least time between an unexpected entity stop and its restart; null = at once (uc.sharding.entity-restart-backoff).</summary>
    public TimeSpan? EntityRestartBackoff { get; init; }

    /// <summary>
    /// How shards supervise their entities (code only, not configuration). Default: Akka's, restart on any exception
    /// and stop on initialization failure, so one bad message does not lose the entity's other messages.
    /// </summary>
    public SupervisorStrategy EntitySupervisorStrategy { get; init; } = SupervisorStrategy.DefaultStrategy;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value that cannot work.</summary>
    public void Validate()
    {
        if (Role is { } role && string.IsNullOrWhiteSpace(role))
            throw new ArgumentException($"{ConfigPath}.role must not be empty (use off for every node).");
        if (NumberOfShards is < 1 or > MaxNumberOfShards)
            throw new ArgumentException($"{ConfigPath}.number-of-shards must be between 1 and {MaxNumberOfShards}, got {NumberOfShards}.");
        if (PassivateIdleEntityAfter is { } idle && idle <= TimeSpan.Zero)
            throw new ArgumentException($"{ConfigPath}.passivate-idle-entity-after must be positive or off, got {idle}.");
        if (BufferSize < 1)
            throw new ArgumentException($"{ConfigPath}.buffer-size must be at least 1, got {BufferSize}.");
        RequirePositive(HandOffTimeout, "hand-off-timeout");
        RequirePositive(ShardStartTimeout, "shard-start-timeout");
        RequirePositive(RetryInterval, "retry-interval");
        RequirePositive(ShardRegionQueryTimeout, "shard-region-query-timeout");
        if (EntityRestartBackoff is { } backoff && backoff <= TimeSpan.Zero)
            throw new ArgumentException($"{ConfigPath}.entity-restart-backoff must be positive or off, got {backoff}.");
        ArgumentNullException.ThrowIfNull(EntitySupervisorStrategy);
    }

    /// <summary>Upper bound of <see cref="NumberOfShards"/>: beyond it shard bookkeeping outweighs any balancing gain.</summary>
    public const int MaxNumberOfShards = 100_000;

    /// <summary>
    /// Reads <c>uc.sharding</c>; <paramref name="config"/> must include the reference defaults (see
    /// <see cref="ConfigFactory.Load"/>). Pass <c>config.GetConfig("uc.sharding.types.call")</c>-style overrides
    /// merged with <see cref="Config.WithFallback"/> to give one type its own values.
    /// </summary>
    /// <exception cref="ConfigException">A key is missing, has the wrong type or a value out of range.</exception>
    public static ClusterShardingSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        const string p = ConfigPath;
        return new ClusterShardingSettings
        {
            Role = IsOff(config, $"{p}.role") ? null : NonEmpty(config, $"{p}.role"),
            NumberOfShards = IntInRange(config, $"{p}.number-of-shards", 1, MaxNumberOfShards),
            PassivateIdleEntityAfter = OptionalPositive(config, $"{p}.passivate-idle-entity-after"),
            BufferSize = IntInRange(config, $"{p}.buffer-size", 1, int.MaxValue),
            HandOffTimeout = Positive(config, $"{p}.hand-off-timeout"),
            ShardStartTimeout = Positive(config, $"{p}.shard-start-timeout"),
            RetryInterval = Positive(config, $"{p}.retry-interval"),
            ShardRegionQueryTimeout = Positive(config, $"{p}.shard-region-query-timeout"),
            EntityRestartBackoff = OptionalPositive(config, $"{p}.entity-restart-backoff"),
        };
    }

    private static void RequirePositive(TimeSpan value, string key)
    {
        if (value <= TimeSpan.Zero)
            throw new ArgumentException($"{ConfigPath}.{key} must be positive, got {value}.");
    }

    private static bool IsOff(Config config, string path) =>
        config.GetValue(path) is ConfigScalar { ValueType: ConfigValueType.String or ConfigValueType.Boolean, Text: "off" or "false" or "no" };

    private static string NonEmpty(Config config, string path)
    {
        var text = config.GetString(path);
        return string.IsNullOrWhiteSpace(text) ? throw Invalid(config, path, "must not be empty (use off for none)") : text;
    }

    private static int IntInRange(Config config, string path, int min, int max)
    {
        var value = config.GetInt(path);
        return value >= min && value <= max ? value : throw Invalid(config, path, $"must be between {min} and {max} but is {value}");
    }

    private static TimeSpan Positive(Config config, string path)
    {
        var value = config.GetTimeSpan(path);
        return value > TimeSpan.Zero ? value : throw Invalid(config, path, $"must be a positive duration but is {value}");
    }

    private static TimeSpan? OptionalPositive(Config config, string path)
    {
        if (IsOff(config, path)) return null;
        var value = config.GetTimeSpan(path, allowInfinite: true);
        if (value == Timeout.InfiniteTimeSpan) return null;
        return value > TimeSpan.Zero ? value : throw Invalid(config, path, $"must be a positive duration or off but is {value}");
    }

    private static ConfigException Invalid(Config config, string path, string problem) =>
        ConfigException.At(config.GetValue(path)?.Origin, path, problem);
}
