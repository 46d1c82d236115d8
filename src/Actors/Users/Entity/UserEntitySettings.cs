using Cluster.Runtime.Hocon;
using Cluster.Runtime.Sharding;

namespace Cluster.Actors.Users.Entity;

/// <summary>
/// How the user entity runs as an actor (snapshots, passivation, the gateway's patience) and how the directory
/// projection behaves, read in one place from <c>uc.users.entity</c> and <c>uc.users.directory</c>. Kept apart from
/// <see cref="UserSettings"/> on purpose: nothing here reaches the decider, so none of it changes what a journal
/// replays to.
/// </summary>
public sealed record UserEntitySettings
{
    public const string EntityPath = "uc.users.entity";

    public const string DirectoryPath = "uc.users.directory";

    public static UserEntitySettings Default { get; } = new();

    /// <summary>Events between snapshots; null = never snapshot.</summary>
    public int? SnapshotEvery { get; init; } = 200;

    /// <summary>How long <see cref="ShardedUserGateway"/> waits for a reply.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Idle time before an entity with nothing pending passivates; null = never.</summary>
    public TimeSpan? PassivateIdleAfter { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Wait before the directory projection re-reads after a failed journal query.</summary>
    public TimeSpan DirectoryRetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Largest page <see cref="IUserListing.List"/> returns.</summary>
    public int MaxPageSize { get; init; } = 1000;

    /// <summary>
    /// Reads the settings; <paramref name="config"/> must include the reference defaults (<c>uc.users</c> and
    /// <c>uc.sharding</c>, whose idle time is the default for <see cref="PassivateIdleAfter"/>).
    /// </summary>
    /// <exception cref="ConfigException">A value is missing, of the wrong type or out of range; the message names the key.</exception>
    public static UserEntitySettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        const string e = EntityPath;
        const string d = DirectoryPath;
        var idlePath = $"{e}.passivate-idle-after";
        TimeSpan? idle;
        if (config.IsOff(idlePath))
        {
            idle = null;
        }
        else if (config.GetValue(idlePath) is ConfigScalar { ValueType: ConfigValueType.String, Text: "default" })
        {
            idle = ClusterShardingSettings.FromConfig(config).PassivateIdleEntityAfter;
        }
        else
        {
            idle = config.GetPositiveTimeSpan(idlePath);
        }

        var snapshotPath = $"{e}.snapshot-every";
        return new UserEntitySettings
        {
            SnapshotEvery = config.IsOff(snapshotPath) ? null : config.GetIntInRange(snapshotPath, 1, 1_000_000),
            AskTimeout = config.GetPositiveTimeSpan($"{e}.ask-timeout"),
            PassivateIdleAfter = idle,
            DirectoryRetryInterval = config.GetPositiveTimeSpan($"{d}.retry-interval"),
            MaxPageSize = config.GetIntInRange($"{d}.max-page-size", 1, 100_000),
        };
    }
}
