using System.Globalization;

namespace Cluster.Runtime.Hocon;

/// <summary>Typed getters. Overloads with a default return it when the key is absent or null.</summary>
public sealed partial class Config
{
    public string GetString(string path) => AsString(Require(path), path);

    public string? GetString(string path, string? defaultValue) =>
        Optional(path) is { } value ? AsString(value, path) : defaultValue;

    public int GetInt(string path) => (int)AsInteger(Require(path), path, int.MinValue, int.MaxValue, "an int");

    public int GetInt(string path, int defaultValue) =>
        Optional(path) is { } value ? (int)AsInteger(value, path, int.MinValue, int.MaxValue, "an int") : defaultValue;

    public long GetLong(string path) => AsInteger(Require(path), path, long.MinValue, long.MaxValue, "a long");

    public long GetLong(string path, long defaultValue) =>
        Optional(path) is { } value ? AsInteger(value, path, long.MinValue, long.MaxValue, "a long") : defaultValue;

    public double GetDouble(string path) => AsDouble(Require(path), path);

    public double GetDouble(string path, double defaultValue) => Optional(path) is { } value ? AsDouble(value, path) : defaultValue;

    /// <summary>Accepts <c>true/false</c>, <c>yes/no</c> and <c>on/off</c>.</summary>
    public bool GetBoolean(string path) => AsBoolean(Require(path), path);

    public bool GetBoolean(string path, bool defaultValue) => Optional(path) is { } value ? AsBoolean(value, path) : defaultValue;

    /// <summary>
    /// A duration such as <c>5s</c>, <c>200ms</c>, <c>1 minute</c> (a bare number is milliseconds). With
    /// <paramref name="allowInfinite"/>, <c>off</c>/<c>infinite</c> give <see cref="Timeout.InfiniteTimeSpan"/>.
    /// </summary>
    public TimeSpan GetTimeSpan(string path, bool allowInfinite = false) => AsTimeSpan(Require(path), path, allowInfinite);

    public TimeSpan GetTimeSpan(string path, TimeSpan defaultValue, bool allowInfinite = false) =>
        Optional(path) is { } value ? AsTimeSpan(value, path, allowInfinite) : defaultValue;

    /// <summary>A size in bytes such as <c>64KiB</c>, <c>10MB</c>, <c>1 GiB</c> (a bare number is bytes).</summary>
    public long GetByteSize(string path) => AsByteSize(Require(path), path);

    public long GetByteSize(string path, long defaultValue) => Optional(path) is { } value ? AsByteSize(value, path) : defaultValue;

    public IReadOnlyList<string> GetStringList(string path) => AsList(Require(path), path, AsString);

    public IReadOnlyList<string> GetStringList(string path, IReadOnlyList<string> defaultValue) =>
        Optional(path) is { } value ? AsList(value, path, AsString) : defaultValue;

    public IReadOnlyList<int> GetIntList(string path) =>
        AsList(Require(path), path, (v, p) => (int)AsInteger(v, p, int.MinValue, int.MaxValue, "an int"));

    public IReadOnlyList<int> GetIntList(string path, IReadOnlyList<int> defaultValue) =>
        Optional(path) is { } value ? AsList(value, path, (v, p) => (int)AsInteger(v, p, int.MinValue, int.MaxValue, "an int")) : defaultValue;

    /// <summary>The list at the path as values (each keeps its origin).</summary>
    public IReadOnlyList<ConfigValue> GetList(string path) => AsList(Require(path), path, (v, _) => v);

    private ConfigValue? Optional(string path) => Find(path, out _) is { ValueType: not ConfigValueType.Null } value ? value : null;

    private static string AsString(ConfigValue value, string path) => value is ConfigScalar { ValueType: not ConfigValueType.Null } scalar
        ? scalar.Text
        : throw WrongType(value, path, "a string");

    private static long AsInteger(ConfigValue value, string path, long min, long max, string expected)
    {
        if (value is ConfigScalar { ValueType: ConfigValueType.Number or ConfigValueType.String } scalar)
        {
            var text = scalar.Text.Trim();
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                || (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
                    && real == Math.Floor(real) && real >= long.MinValue && real <= long.MaxValue && (integer = (long)real) == real))
            {
                return integer >= min && integer <= max
                    ? integer
                    : throw ConfigException.At(value.Origin, path, $"{scalar.Text} is out of range for {expected} ({min} to {max})");
            }
        }

        throw WrongType(value, path, $"{expected} (a whole number)");
    }

    private static double AsDouble(ConfigValue value, string path) =>
        value is ConfigScalar { ValueType: ConfigValueType.Number or ConfigValueType.String } scalar
        && double.TryParse(scalar.Text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            ? real
            : throw WrongType(value, path, "a number");

    private static bool AsBoolean(ConfigValue value, string path)
    {
        if (value is ConfigScalar { ValueType: ConfigValueType.Boolean or ConfigValueType.String } scalar)
        {
            switch (scalar.Text.Trim())
            {
                case "true" or "yes" or "on":
                    return true;
                case "false" or "no" or "off":
                    return false;
            }
        }

        throw WrongType(value, path, "a boolean (true/false, yes/no, on/off)");
    }

    private static TimeSpan AsTimeSpan(ConfigValue value, string path, bool allowInfinite)
    {
        if (value is not ConfigScalar { ValueType: ConfigValueType.Number or ConfigValueType.String } scalar)
        {
            throw WrongType(value, path, "a duration such as 5s, 200ms or 1 minute");
        }

        if (HoconDuration.IsInfinite(scalar.Text))
        {
            return allowInfinite
                ? Timeout.InfiniteTimeSpan
                : throw ConfigException.At(value.Origin, path, $"'{scalar.Text}' (no limit) is not allowed for this setting; give a duration such as 5s");
        }

        return HoconDuration.TryParse(scalar.Text, out var duration, out var problem)
            ? duration
            : throw ConfigException.At(value.Origin, path, $"'{scalar.Text}' is not a duration: {problem}; expected for example 5s, 200ms or 1 minute"
                + (allowInfinite ? ", or off" : string.Empty));
    }

    private static long AsByteSize(ConfigValue value, string path)
    {
        if (value is not ConfigScalar { ValueType: ConfigValueType.Number or ConfigValueType.String } scalar)
        {
            throw WrongType(value, path, "a size such as 64KiB, 10MB or 1 GiB");
        }

        return HoconByteSize.TryParse(scalar.Text, out var bytes, out var problem)
            ? bytes
            : throw ConfigException.At(value.Origin, path, $"'{scalar.Text}' is not a size in bytes: {problem}; expected for example 64KiB, 10MB or 1 GiB");
    }

    private static IReadOnlyList<T> AsList<T>(ConfigValue value, string path, Func<ConfigValue, string, T> convert)
    {
        if (value is not ConfigList list)
        {
            throw WrongType(value, path, "a list");
        }

        var result = new T[list.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = convert(list[i], $"{path}[{i}]");
        }

        return result;
    }
}
