using Cluster.Runtime.Logging;
using Serilog.Events;

namespace Cluster.Runtime.Commands.Palettes;

/// <summary>
/// What the <c>log</c> palette needs from the node's logging subsystem, as plain delegates so the palette does not
/// depend on how logging is configured; the node host wires them to its level switches and an in-process sink.
/// </summary>
/// <param name="GetLevels">The default level and every namespace override currently in force.</param>
/// <param name="SetLevel">Sets the minimum level for a namespace prefix, or the default level when the namespace is null.</param>
/// <param name="SubscribeTail">
/// Starts delivering every new log event to the callback until the returned handle is disposed. The callback may be
/// called from any thread and must not block; the palette buffers and drops when a shell reads too slowly.
/// </param>
public sealed record LogPaletteBindings(
    Func<IReadOnlyList<LogLevelSetting>> GetLevels,
    Action<LogEventLevel, string?> SetLevel,
    Func<Action<LogTailEvent>, IDisposable> SubscribeTail)
{
    /// <summary>Bindings to a node's run-time level registry and tail sink.</summary>
    public static LogPaletteBindings For(LogLevels levels, LogTailSink tail) => new(
        () => levels.Current,
        (level, ns) => levels.SetLevel(level, ns),
        callback => tail.Listen(e => callback(new LogTailEvent(
            e.Timestamp,
            e.Level,
            e.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: string text } ? text : null,
            e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture),
            e.Exception?.ToString()))));
}
