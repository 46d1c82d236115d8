namespace Cluster.Runtime.Hocon;

/// <summary>
/// Several values written next to each other on one line (<c>${home} "/data"</c>, <c>[1] [2]</c>, <c>${base} { x = 1 }</c>)
/// that could not be joined at parse time because at least one piece is a substitution.
/// </summary>
internal sealed class ConfigConcatenation : ConfigValue
{
    public ConfigConcatenation(ConfigOrigin origin, IReadOnlyList<ConfigValue> pieces, IReadOnlyList<string> fieldPath)
        : base(origin)
    {
        Pieces = pieces;
        FieldPath = fieldPath;
    }

    /// <summary>The pieces in order, including whitespace pieces between them (kept for string results).</summary>
    public IReadOnlyList<ConfigValue> Pieces { get; }

    public IReadOnlyList<string> FieldPath { get; }

    public override ConfigValueType ValueType => ConfigValueType.Unresolved;

    public override bool IsResolved => false;

    public override string Describe() => "an unresolved concatenation";
}
