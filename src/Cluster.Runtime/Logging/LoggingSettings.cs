using Cluster.Runtime.Hocon;
using Serilog;
using Serilog.Events;

namespace Cluster.Runtime.Logging;

/// <summary>
/// Logging settings of a node, read in one place from <c>uc.log</c> (defaults in Logging/reference.conf) so that a bad
/// level name or size stops the node at start-up with the file and line of the mistake, not at the first log line.
/// </summary>
public sealed record LoggingSettings
{
    public const string ConfigPath = "uc.log";

    public LogEventLevel DefaultLevel { get; init; } = LogEventLevel.Information;

    /// <summary>Minimum level per namespace (prefix of the source context); the longest matching prefix wins.</summary>
    public IReadOnlyDictionary<string, LogEventLevel> NamespaceLevels { get; init; } = new Dictionary<string, LogEventLevel>();

    public bool ConsoleEnabled { get; init; } = true;

    public string ConsoleTemplate { get; init; } = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {NodeName} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public bool FileEnabled { get; init; }

    public string FilePath { get; init; } = "logs/uc.log";

    public RollingInterval RollingInterval { get; init; } = RollingInterval.Day;

    /// <summary>Files kept; null keeps all.</summary>
    public int? RetainedFileCount { get; init; } = 14;

    /// <summary>Largest size of one file in bytes before a new one is started; null for no limit.</summary>
    public long? FileSizeLimitBytes { get; init; } = 100L * 1024 * 1024;

    public string FileTemplate { get; init; } = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {NodeName} {SourceContext}: {Message:lj}{Properties:j}{NewLine}{Exception}";

    /// <summary>Lines kept per <c>log tail</c> subscriber that reads slower than the node logs.</summary>
    public int TailBufferSize { get; init; } = LogTailSink.DefaultBufferSize;

    /// <summary>Reads <c>uc.log</c>; <paramref name="config"/> must include the reference defaults (see <see cref="ConfigFactory.Load"/>).</summary>
    /// <exception cref="ConfigException">A value is missing, of the wrong type or not a valid level/interval.</exception>
    public static LoggingSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        const string p = ConfigPath;
        var levels = new Dictionary<string, LogEventLevel>(StringComparer.Ordinal);
        ReadNamespaceLevels(config, ["uc", "log", "levels"], string.Empty, levels);

        return new LoggingSettings
        {
            DefaultLevel = ReadLevel(config, $"{p}.level"),
            NamespaceLevels = levels,
            ConsoleEnabled = config.GetBoolean($"{p}.console.enabled"),
            ConsoleTemplate = config.GetString($"{p}.console.template"),
            FileEnabled = config.GetBoolean($"{p}.file.enabled"),
            FilePath = config.GetString($"{p}.file.path"),
            RollingInterval = ReadRollingInterval(config, $"{p}.file.rolling-interval"),
            RetainedFileCount = config.IsOff($"{p}.file.retained-file-count") ? null : Positive(config, $"{p}.file.retained-file-count"),
            FileSizeLimitBytes = config.IsOff($"{p}.file.size-limit") ? null : config.GetByteSize($"{p}.file.size-limit"),
            FileTemplate = config.GetString($"{p}.file.template"),
            TailBufferSize = Positive(config, $"{p}.tail.buffer-size"),
        };
    }

    /// <summary>
    /// Reads the open map of namespace levels. An unquoted dotted key (<c>Cluster.Runtime = error</c>) is a nested
    /// path in HOCON; it is flattened back into the namespace it names, so quoting is optional.
    /// </summary>
    private static void ReadNamespaceLevels(Config config, string[] path, string prefix, Dictionary<string, LogEventLevel> into)
    {
        var rendered = Hocon.ConfigPath.Render(path);
        foreach (var key in config.GetObjectKeys(rendered))
        {
            string[] childPath = [.. path, key];
            var name = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (config.GetValue(Hocon.ConfigPath.Render(childPath)) is ConfigObject)
            {
                ReadNamespaceLevels(config, childPath, name, into);
            }
            else
            {
                into[name] = ReadLevel(config, Hocon.ConfigPath.Render(childPath));
            }
        }
    }

    private static LogEventLevel ReadLevel(Config config, string path)
    {
        var text = config.GetString(path);
        return LogLevelNames.TryParse(text, out var level)
            ? level
            : throw config.Invalid(path, LogLevelNames.UnknownLevelMessage(text));
    }

    private static RollingInterval ReadRollingInterval(Config config, string path)
    {
        var text = config.GetString(path);
        return Enum.TryParse<RollingInterval>(text, ignoreCase: true, out var interval) && !int.TryParse(text, out _)
            ? interval
            : throw config.Invalid(path,
                $"unknown rolling interval '{text}'; valid: {string.Join(", ", Enum.GetNames<RollingInterval>().Select(n => n.ToLowerInvariant()))}");
    }

    private static int Positive(Config config, string path) => config.GetIntInRange(path, 1);
}
