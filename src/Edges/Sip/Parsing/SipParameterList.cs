using System.Collections;

namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// Parameters in the order they were written, looked up case-insensitively as RFC 3261 §19.1.4 and §7.3.1 compare
/// parameter names. Small (a handful of entries), so a linear scan beats a dictionary.
/// </summary>
public sealed class SipParameterList : IReadOnlyList<SipParameter>
{
    public static readonly SipParameterList Empty = new([]);

    private readonly SipParameter[] items;

    public SipParameterList(SipParameter[] items) => this.items = items;

    public int Count => items.Length;

    public SipParameter this[int index] => items[index];

    /// <summary>True when the parameter is present, with or without a value.</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of the parameter; null when absent or when it is a flag.</summary>
    public string? GetValue(string name)
    {
        var i = IndexOf(name);
        return i < 0 ? null : items[i].Value;
    }

    /// <summary>Finds the parameter, distinguishing a flag (value null) from absence.</summary>
    public bool TryGet(string name, out SipParameter parameter)
    {
        var i = IndexOf(name);
        parameter = i < 0 ? default : items[i];
        return i >= 0;
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < items.Length; i++)
            if (string.Equals(items[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    public IEnumerator<SipParameter> GetEnumerator() => ((IEnumerable<SipParameter>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

    public override string ToString() => string.Concat(items.Select(p => ";" + p));
}
