namespace Cluster.Runtime.Hocon;

/// <summary>
/// A string, number, boolean or null. The text is kept exactly as written (numbers are not converted at parse time)
/// so that a getter can interpret it as an int, a duration or a size, and so that rendering round-trips.
/// </summary>
public sealed class ConfigScalar : ConfigValue
{
    private ConfigScalar(ConfigOrigin origin, ConfigValueType type, string text, bool isWhitespace = false)
        : base(origin)
    {
        ValueType = type;
        Text = text;
        IsWhitespace = isWhitespace;
    }

    public override ConfigValueType ValueType { get; }

    /// <summary>The value as text: the string itself, the number as written, <c>true</c>/<c>false</c>, <c>null</c>.</summary>
    public string Text { get; }

    /// <summary>Whitespace between the pieces of a value concatenation; only lives inside a concatenation.</summary>
    internal bool IsWhitespace { get; }

    public static ConfigScalar String(string text, ConfigOrigin origin) => new(origin, ConfigValueType.String, text);

    public static ConfigScalar Number(string text, ConfigOrigin origin) => new(origin, ConfigValueType.Number, text);

    public static ConfigScalar Boolean(bool value, ConfigOrigin origin) => new(origin, ConfigValueType.Boolean, value ? "true" : "false");

    public static ConfigScalar Null(ConfigOrigin origin) => new(origin, ConfigValueType.Null, "null");

    internal static ConfigScalar Whitespace(string text, ConfigOrigin origin) => new(origin, ConfigValueType.String, text, isWhitespace: true);

    public override string Describe() => ValueType switch
    {
        ConfigValueType.String => $"the string '{Text}'",
        ConfigValueType.Number => $"the number {Text}",
        ConfigValueType.Boolean => $"the boolean {Text}",
        _ => "null",
    };

    public override string ToString() => Text;
}
