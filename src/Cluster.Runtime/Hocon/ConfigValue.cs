namespace Cluster.Runtime.Hocon;

/// <summary>
/// A node of a configuration tree. Values are immutable and remember their <see cref="Origin"/> so that errors found
/// at any later time point back to the file and line that set them.
/// </summary>
public abstract class ConfigValue
{
    private protected ConfigValue(ConfigOrigin origin)
    {
        Origin = origin;
    }

    public ConfigOrigin Origin { get; }

    public abstract ConfigValueType ValueType { get; }

    /// <summary>False while the value (or anything below it) still holds a substitution.</summary>
    public virtual bool IsResolved => true;

    /// <summary>Short description used in error messages: "an object", "a list", "the string 'abc'".</summary>
    public virtual string Describe() => ValueType switch
    {
        ConfigValueType.Object => "an object",
        ConfigValueType.List => "a list",
        ConfigValueType.Null => "null",
        _ => "an unresolved substitution",
    };
}
