namespace Cluster.Runtime.Hocon;

/// <summary>
/// A later unresolved value written over an earlier value of the same key. Whether the two merge (both objects) or the
/// later replaces the earlier is only known once the later value is resolved; if it resolves to nothing (an undefined
/// <c>${?x}</c>), the earlier value stays.
/// </summary>
internal sealed class ConfigDelayedMerge : ConfigValue
{
    public ConfigDelayedMerge(ConfigValue higher, ConfigValue lower)
        : base(higher.Origin)
    {
        Higher = higher;
        Lower = lower;
    }

    public ConfigValue Higher { get; }

    public ConfigValue Lower { get; }

    public override ConfigValueType ValueType => ConfigValueType.Unresolved;

    public override bool IsResolved => false;

    public override string Describe() => Higher.Describe();
}
