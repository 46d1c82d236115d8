namespace Cluster.Runtime.Hocon;

/// <summary>The JSON-level type of a configuration value; what getters check before converting.</summary>
public enum ConfigValueType
{
    Object,
    List,
    String,
    Number,
    Boolean,
    Null,

    /// <summary>A substitution or concatenation not yet resolved; never returned by getters of a resolved config.</summary>
    Unresolved,
}
