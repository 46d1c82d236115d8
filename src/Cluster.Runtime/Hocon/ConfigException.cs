namespace Cluster.Runtime.Hocon;

/// <summary>
/// The one error type of the configuration library. Operators read these messages when a node refuses to start, so
/// every message names where the problem is (file and line, plus column for syntax errors) and which key it concerns,
/// for example <c>node.conf:12: key 'uc.node.data-dir': expected a string but found an object</c>.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    private ConfigException(string message, ConfigOrigin? origin, string? path)
        : base(message)
    {
        Origin = origin;
        Path = path;
    }

    /// <summary>Where the offending value or text came from, when known.</summary>
    public ConfigOrigin? Origin { get; }

    /// <summary>The full key path the error concerns, when there is one.</summary>
    public string? Path { get; }

    /// <summary>An error about the value at <paramref name="path"/>: <c>origin: key 'path': problem</c>.</summary>
    internal static ConfigException At(ConfigOrigin? origin, string? path, string problem)
    {
        var prefix = origin is null ? string.Empty : origin + ": ";
        var message = path is null ? prefix + problem : $"{prefix}key '{path}': {problem}";
        return new ConfigException(message, origin, path);
    }

    internal static ConfigException At(ConfigOrigin? origin, IReadOnlyList<string> path, string problem) =>
        At(origin, path.Count == 0 ? null : ConfigPath.Render(path), problem);

    /// <summary>A syntax error: <c>file:line:column: problem</c>.</summary>
    internal static ConfigException Syntax(ConfigOrigin origin, int column, string problem) =>
        new($"{origin.Description}:{origin.Line}:{column}: {problem}", origin, null);
}
