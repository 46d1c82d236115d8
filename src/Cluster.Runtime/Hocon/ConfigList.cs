using System.Collections;

namespace Cluster.Runtime.Hocon;

/// <summary>An ordered list of values; elements keep their own origins so a bad element is reported by its line.</summary>
public sealed class ConfigList : ConfigValue, IReadOnlyList<ConfigValue>
{
    private readonly ConfigValue[] items;
    private readonly bool isResolved;

    internal ConfigList(ConfigOrigin origin, IEnumerable<ConfigValue> items)
        : base(origin)
    {
        this.items = items.ToArray();
        isResolved = this.items.All(i => i.IsResolved);
    }

    public override ConfigValueType ValueType => ConfigValueType.List;

    public override bool IsResolved => isResolved;

    public int Count => items.Length;

    public ConfigValue this[int index] => items[index];

    public IEnumerator<ConfigValue> GetEnumerator() => ((IEnumerable<ConfigValue>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();
}
