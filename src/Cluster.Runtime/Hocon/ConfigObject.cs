using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Cluster.Runtime.Hocon;

/// <summary>
/// An object (map from key to value) that keeps the order keys were first written in, so that rendering a config
/// reads like the file it came from and enumerating children (for example configured partner routes) is stable.
/// </summary>
public sealed class ConfigObject : ConfigValue, IReadOnlyDictionary<string, ConfigValue>
{
    private readonly Dictionary<string, ConfigValue> fields;
    private readonly List<string> order;
    private readonly bool isResolved;

    internal ConfigObject(ConfigOrigin origin, IEnumerable<KeyValuePair<string, ConfigValue>> fields)
        : base(origin)
    {
        this.fields = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        order = new List<string>();
        var resolved = true;
        foreach (var (key, value) in fields)
        {
            if (!this.fields.ContainsKey(key))
            {
                order.Add(key);
            }

            this.fields[key] = value;
        }

        foreach (var value in this.fields.Values)
        {
            resolved &= value.IsResolved;
        }

        isResolved = resolved;
    }

    /// <summary>An object with no fields.</summary>
    public static ConfigObject Empty(ConfigOrigin origin) => new(origin, []);

    public override ConfigValueType ValueType => ConfigValueType.Object;

    public override bool IsResolved => isResolved;

    public int Count => order.Count;

    /// <summary>Keys in the order they were first written.</summary>
    public IEnumerable<string> Keys => order;

    public IEnumerable<ConfigValue> Values => order.Select(k => fields[k]);

    public ConfigValue this[string key] => fields[key];

    public bool ContainsKey(string key) => fields.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out ConfigValue value) => fields.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, ConfigValue>> GetEnumerator()
    {
        foreach (var key in order)
        {
            yield return new KeyValuePair<string, ConfigValue>(key, fields[key]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
