using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Cluster.Runtime.Logging;

/// <summary>
/// The run-time adjustable levels of one node: a default and per-namespace minimum levels, where the longest matching
/// namespace prefix of an event's <c>SourceContext</c> wins. Serilog's <c>MinimumLevel.Override</c> is fixed when the
/// logger is built, but an operator must be able to turn on <c>debug</c> for any namespace later
/// (<c>log level debug Cluster.Edges.Sip</c>), so the logger instead runs every event through this registry's filter.
/// The logger's own minimum level follows the lowest configured level, so events below every level are dropped before
/// they are even built.
/// </summary>
public sealed class LogLevels
{
    private readonly object gate = new();
    private readonly LoggingLevelSwitch defaultSwitch;
    private readonly ConcurrentDictionary<string, LoggingLevelSwitch> namespaces = new(StringComparer.Ordinal);
    private volatile ConcurrentDictionary<string, LoggingLevelSwitch> resolvedBySource = new(StringComparer.Ordinal);

    public LogLevels(LogEventLevel defaultLevel, IReadOnlyDictionary<string, LogEventLevel>? namespaceLevels = null)
    {
        defaultSwitch = new LoggingLevelSwitch(defaultLevel);
        Floor = new LoggingLevelSwitch(defaultLevel);
        foreach (var (name, level) in namespaceLevels ?? new Dictionary<string, LogEventLevel>())
        {
            namespaces[ValidateNamespace(name)] = new LoggingLevelSwitch(level);
        }

        UpdateFloor();
        Filter = new LevelFilter(this);
    }

    /// <summary>Creates the registry from the configured default and namespace levels.</summary>
    public static LogLevels FromSettings(LoggingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new LogLevels(settings.DefaultLevel, settings.NamespaceLevels);
    }

    public LogEventLevel DefaultLevel => defaultSwitch.MinimumLevel;

    /// <summary>The default first, then namespace overrides in ordinal order.</summary>
    public IReadOnlyList<LogLevelSetting> Current =>
        [new LogLevelSetting(null, defaultSwitch.MinimumLevel),
         .. namespaces.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => new LogLevelSetting(n.Key, n.Value.MinimumLevel))];

    /// <summary>Lowest level any event may pass at; the logger's minimum level is bound to it.</summary>
    internal LoggingLevelSwitch Floor { get; }

    internal ILogEventFilter Filter { get; }

    /// <summary>
    /// Sets the default level (<paramref name="namespace"/> null or empty) or the level of a namespace and everything
    /// below it; takes effect for the next event.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown level name (the message lists the valid ones) or a malformed namespace.</exception>
    public void SetLevel(string level, string? @namespace = null) => SetLevel(LogLevelNames.Parse(level), @namespace);

    public void SetLevel(LogEventLevel level, string? @namespace = null)
    {
        lock (gate)
        {
            if (string.IsNullOrEmpty(@namespace))
            {
                defaultSwitch.MinimumLevel = level;
            }
            else if (namespaces.TryGetValue(ValidateNamespace(@namespace), out var existing))
            {
                existing.MinimumLevel = level;
            }
            else
            {
                namespaces[@namespace] = new LoggingLevelSwitch(level);
                resolvedBySource = new ConcurrentDictionary<string, LoggingLevelSwitch>(StringComparer.Ordinal);
            }

            UpdateFloor();
        }
    }

    /// <summary>Removes a namespace override so the namespace follows its parent (or the default) again.</summary>
    /// <returns>False when the namespace had no override.</returns>
    public bool ResetLevel(string @namespace)
    {
        lock (gate)
        {
            if (!namespaces.TryRemove(ValidateNamespace(@namespace), out _))
            {
                return false;
            }

            resolvedBySource = new ConcurrentDictionary<string, LoggingLevelSwitch>(StringComparer.Ordinal);
            UpdateFloor();
            return true;
        }
    }

    /// <summary>The level that applies to events from <paramref name="sourceContext"/> (longest namespace prefix wins).</summary>
    public LogEventLevel EffectiveLevel(string? sourceContext) => SwitchFor(sourceContext).MinimumLevel;

    private LoggingLevelSwitch SwitchFor(string? sourceContext)
    {
        if (string.IsNullOrEmpty(sourceContext) || namespaces.IsEmpty)
        {
            return defaultSwitch;
        }

        // Read the cache before the namespaces: a namespace added concurrently replaces the cache after it is added,
        // so a result computed without it can only land in a cache that is already discarded.
        var cache = resolvedBySource;
        if (cache.TryGetValue(sourceContext, out var cached))
        {
            return cached;
        }

        var found = defaultSwitch;
        var candidate = sourceContext;
        while (true)
        {
            if (namespaces.TryGetValue(candidate, out var match))
            {
                found = match;
                break;
            }

            var dot = candidate.LastIndexOf('.');
            if (dot <= 0)
            {
                break;
            }

            candidate = candidate[..dot];
        }

        cache.TryAdd(sourceContext, found);
        return found;
    }

    private void UpdateFloor()
    {
        var floor = defaultSwitch.MinimumLevel;
        foreach (var value in namespaces.Values)
        {
            if (value.MinimumLevel < floor)
            {
                floor = value.MinimumLevel;
            }
        }

        Floor.MinimumLevel = floor;
    }

    private static string ValidateNamespace(string @namespace)
    {
        if (string.IsNullOrWhiteSpace(@namespace) || @namespace.Any(char.IsWhiteSpace) || @namespace.StartsWith('.') || @namespace.EndsWith('.'))
        {
            throw new ArgumentException($"invalid namespace '{@namespace}': expected a dotted name such as Cluster.Edges.Sip", nameof(@namespace));
        }

        return @namespace;
    }

    private sealed class LevelFilter(LogLevels owner) : ILogEventFilter
    {
        public bool IsEnabled(LogEvent logEvent)
        {
            var source = logEvent.Properties.TryGetValue(Constants.SourceContextPropertyName, out var value)
                && value is ScalarValue { Value: string text }
                    ? text
                    : null;
            return logEvent.Level >= owner.SwitchFor(source).MinimumLevel;
        }
    }
}
