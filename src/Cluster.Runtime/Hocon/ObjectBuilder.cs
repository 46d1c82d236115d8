namespace Cluster.Runtime.Hocon;

/// <summary>Mutable, parser-owned object under construction; frozen into a <see cref="ConfigObject"/> when closed.</summary>
internal sealed class ObjectBuilder
{
    private readonly ConfigOrigin origin;
    private readonly Dictionary<string, ConfigValue> fields = new(StringComparer.Ordinal);
    private readonly List<string> order = new();

    public ObjectBuilder(ConfigOrigin origin)
    {
        this.origin = origin;
    }

    /// <summary>Adds a field; a key already present is merged with the HOCON duplicate-key rule.</summary>
    public void Merge(string key, ConfigValue value, IReadOnlyList<string> fullPath)
    {
        if (fields.TryGetValue(key, out var existing))
        {
            fields[key] = ConfigMerger.Merge(value, existing, fullPath);
        }
        else
        {
            fields[key] = value;
            order.Add(key);
        }
    }

    public ConfigObject Build() => new(origin, order.Select(k => new KeyValuePair<string, ConfigValue>(k, fields[k])));
}
