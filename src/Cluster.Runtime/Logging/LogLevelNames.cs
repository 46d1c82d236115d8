using Serilog.Events;

namespace Cluster.Runtime.Logging;

/// <summary>
/// The level names operators type in configuration files and in the shell (<c>log level debug ...</c>). Accepts
/// Serilog's names plus the common short forms (<c>info</c>, <c>warn</c>, <c>trace</c>), case-insensitively, so that a
/// level written for another logging system still works.
/// </summary>
public static class LogLevelNames
{
    /// <summary>The canonical names, lowest first, as listed in error messages.</summary>
    public static IReadOnlyList<string> Valid { get; } = ["verbose", "debug", "information", "warning", "error", "fatal"];

    public static bool TryParse(string? text, out LogEventLevel level)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "verbose" or "trace":
                level = LogEventLevel.Verbose;
                return true;
            case "debug":
                level = LogEventLevel.Debug;
                return true;
            case "information" or "info":
                level = LogEventLevel.Information;
                return true;
            case "warning" or "warn":
                level = LogEventLevel.Warning;
                return true;
            case "error":
                level = LogEventLevel.Error;
                return true;
            case "fatal" or "critical":
                level = LogEventLevel.Fatal;
                return true;
            default:
                level = default;
                return false;
        }
    }

    /// <exception cref="ArgumentException">The name is not a level; the message lists the valid ones.</exception>
    public static LogEventLevel Parse(string? text) =>
        TryParse(text, out var level) ? level : throw new ArgumentException(UnknownLevelMessage(text), nameof(text));

    /// <summary>Lowercase canonical name of a level (<c>information</c>, ...).</summary>
    public static string Name(LogEventLevel level) => Valid[(int)level];

    internal static string UnknownLevelMessage(string? text) =>
        $"unknown log level '{text}'; valid levels: {string.Join(", ", Valid)} (also trace, info, warn)";
}
