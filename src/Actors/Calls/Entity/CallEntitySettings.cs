using Cluster.Runtime.Hocon;
using Cluster.Runtime.Sharding;

namespace Cluster.Actors.Calls.Entity;

/// <summary>
/// How the call entity runs as an actor (snapshots, passivation, the gateway's and lookups' patience), read in one place
/// from <c>uc.calls.entity</c>. Kept apart from <see cref="CallSettings"/> on purpose: nothing here reaches the decider,
/// so none of it changes what a journal replays to.
/// </summary>
public sealed record CallEntitySettings
{
    public const string EntityPath = "uc.calls.entity";

    public static CallEntitySettings Default { get; } = new();

    /// <summary>Events between snapshots; null = never snapshot.</summary>
    public int? SnapshotEvery { get; init; } = 100;

    /// <summary>How long <see cref="ShardedCallGateway"/> waits for a reply.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Idle time before an entity with nothing pending passivates; null = never.</summary>
    public TimeSpan? PassivateIdleAfter { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How long a target lookup at the user entity may take before the user counts as unreachable.</summary>
    public TimeSpan LookupTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Reads the settings; <paramref name="config"/> must include the reference defaults (<c>uc.calls</c>, <c>uc.sharding</c>).</summary>
    /// <exception cref="ConfigException">A value is missing, of the wrong type or out of range; the message names the key.</exception>
    public static CallEntitySettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        const string e = EntityPath;
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
        return new CallEntitySettings
        {
            SnapshotEvery = config.IsOff(snapshotPath) ? null : config.GetIntInRange(snapshotPath, 1, 1_000_000),
            AskTimeout = config.GetPositiveTimeSpan($"{e}.ask-timeout"),
            PassivateIdleAfter = idle,
            LookupTimeout = config.GetPositiveTimeSpan($"{e}.lookup-timeout"),
        };
    }
}
