namespace Cluster.Runtime.Hocon;

/// <summary>
/// An immutable configuration tree with typed getters, modelled on Akka.NET's <c>Config</c>: layers are combined with
/// <see cref="WithFallback"/> (the receiver wins) and substitutions are resolved against the combined tree, on first
/// read or explicitly with <see cref="Resolve"/>. Getters without a default throw a <see cref="ConfigException"/>
/// naming the file, line and key when a value is missing or of the wrong type; settings classes therefore fail at
/// start-up with a message an operator can act on.
/// </summary>
public sealed partial class Config
{
    private readonly ConfigObject tree;
    private readonly Lazy<ConfigObject> resolved;

    internal Config(ConfigObject tree)
    {
        this.tree = tree;
        resolved = tree.IsResolved
            ? new Lazy<ConfigObject>(tree)
            : new Lazy<ConfigObject>(() => ConfigResolver.Resolve(tree), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A configuration without keys.</summary>
    public static Config Empty { get; } = new(ConfigObject.Empty(ConfigOrigin.None));

    /// <summary>The resolved root object.</summary>
    public ConfigObject Root => resolved.Value;

    /// <summary>The tree as parsed and merged, before substitutions are resolved.</summary>
    internal ConfigObject UnresolvedRoot => tree;

    public bool IsEmpty => tree.Count == 0;

    /// <summary>True when no substitution is left (after <see cref="Resolve"/> or when none was written).</summary>
    public bool IsResolved => tree.IsResolved;

    /// <summary>
    /// Layers this configuration over <paramref name="fallback"/>: keys set here win, objects merge key by key, and a
    /// self-reference here (<c>path = ${path} ":/x"</c>) sees the fallback's value.
    /// </summary>
    public Config WithFallback(Config fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        if (fallback.IsEmpty || ReferenceEquals(fallback, this))
        {
            return this;
        }

        return IsEmpty ? fallback : new Config(ConfigMerger.MergeObjects(tree, fallback.tree, []));
    }

    /// <summary>Resolves every substitution now, so errors surface at load time rather than on first read.</summary>
    public Config Resolve() => IsResolved ? this : new Config(resolved.Value);

    /// <summary>True when the path exists and is not null.</summary>
    public bool HasPath(string path) => Find(path, out _) is { ValueType: not ConfigValueType.Null };

    /// <summary>The value at the path, or null when it is absent.</summary>
    public ConfigValue? GetValue(string path) => Find(path, out _);

    /// <summary>The object at the path as a config; <see cref="Empty"/> when the path is absent.</summary>
    public Config GetConfig(string path)
    {
        var value = Find(path, out _);
        return value switch
        {
            null or { ValueType: ConfigValueType.Null } => Empty,
            ConfigObject obj => new Config(obj),
            _ => throw WrongType(value, path, "an object"),
        };
    }

    /// <summary>Keys of the object at the path in written order; empty when the path is absent.</summary>
    public IReadOnlyList<string> GetObjectKeys(string path)
    {
        var value = Find(path, out _);
        return value switch
        {
            null or { ValueType: ConfigValueType.Null } => [],
            ConfigObject obj => obj.Keys.ToList(),
            _ => throw WrongType(value, path, "an object"),
        };
    }

    /// <summary>The root's children, in written order.</summary>
    public IEnumerable<KeyValuePair<string, ConfigValue>> AsEnumerable() => Root;

    /// <summary>Renders the configuration as HOCON that parses back to the same tree.</summary>
    public override string ToString() => ConfigRenderer.Render(tree, includeOrigins: false);

    /// <summary>Renders as HOCON, optionally with a <c># file:line</c> comment on each value (for <c>config show</c>).</summary>
    public string ToString(bool includeOrigins) => ConfigRenderer.Render(tree, includeOrigins);

    private ConfigValue? Find(string path, out ConfigValue? nearest)
    {
        var segments = ConfigPath.Parse(path);
        ConfigValue current = Root;
        nearest = current;
        foreach (var segment in segments)
        {
            if (current is not ConfigObject obj)
            {
                throw ConfigException.At(current.Origin, path, $"cannot look inside {current.Describe()} (a parent of this key is not an object)");
            }

            if (!obj.TryGetValue(segment, out var child))
            {
                return null;
            }

            nearest = obj;
            current = child;
        }

        return current;
    }

    private ConfigValue Require(string path)
    {
        var value = Find(path, out var nearest);
        if (value is null)
        {
            var origin = nearest is null || ReferenceEquals(nearest, Root) ? null : nearest.Origin;
            throw ConfigException.At(origin, path, "no value is set (not in the configuration files and not in reference.conf)");
        }

        return value;
    }

    private static ConfigException WrongType(ConfigValue value, string path, string expected) =>
        ConfigException.At(value.Origin, path, $"expected {expected} but found {value.Describe()}");
}
