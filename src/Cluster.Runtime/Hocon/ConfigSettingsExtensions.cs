namespace Cluster.Runtime.Hocon;

/// <summary>
/// Helpers every XxxSettings.FromConfig uses, so that "off" values and range errors read the same everywhere and
/// every error names the file, the line and the key.
/// </summary>
public static class ConfigSettingsExtensions
{
    /// <summary>True when the value at <paramref name="path"/> is <c>off</c> (or <c>false</c>/<c>no</c>).</summary>
    public static bool IsOff(this Config config, string path) =>
        config.GetValue(path) is ConfigScalar { ValueType: ConfigValueType.String or ConfigValueType.Boolean, Text: "off" or "false" or "no" };

    /// <summary>The string at <paramref name="path"/>, or null when it is <c>off</c> or empty.</summary>
    public static string? GetStringOrOff(this Config config, string path)
    {
        if (config.IsOff(path))
        {
            return null;
        }
        var text = config.GetString(path);
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>An integer that must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int GetIntInRange(this Config config, string path, int min, int max = int.MaxValue)
    {
        var value = config.GetInt(path);
        if (value < min || value > max)
        {
            throw config.Invalid(path, max == int.MaxValue ? $"must be at least {min} but is {value}" : $"must be between {min} and {max} but is {value}");
        }
        return value;
    }

    /// <summary>A positive duration (or infinite when <paramref name="allowInfinite"/> and the value is <c>off</c>/<c>infinite</c>).</summary>
    public static TimeSpan GetPositiveTimeSpan(this Config config, string path, bool allowInfinite = false)
    {
        var value = config.GetTimeSpan(path, allowInfinite);
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw config.Invalid(path, $"must be a positive duration but is {value}");
        }
        return value;
    }

    /// <summary>An error about the value at <paramref name="path"/> that names where it was set.</summary>
    public static ConfigException Invalid(this Config config, string path, string problem) =>
        ConfigException.At(config.GetValue(path)?.Origin, path, problem);
}
