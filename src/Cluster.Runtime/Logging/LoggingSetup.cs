using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Cluster.Runtime.Logging;

/// <summary>
/// Builds a node's Serilog logger from <see cref="LoggingSettings"/>: enriched with <c>NodeName</c> and with the
/// <c>LogContext</c> (so <c>ActorPath</c>, <c>EntityId</c>, <c>CallId</c> pushed by the runtime appear), filtered by
/// the node's <see cref="LogLevels"/>, writing to the console and/or a rolling file, and always to a
/// <see cref="LogTailSink"/>.
/// </summary>
public static class LoggingSetup
{
    /// <summary>Property carrying the node's name on every event.</summary>
    public const string NodeNameProperty = "NodeName";

    /// <summary>Creates the logger together with its level registry and tail sink.</summary>
    /// <param name="settings">Settings read from <c>uc.log</c>.</param>
    /// <param name="nodeName">Name of this node, shown on every line.</param>
    /// <param name="additionalSinks">Extra sinks (tests, embedding hosts).</param>
    public static NodeLogging Create(LoggingSettings settings, string nodeName, params ILogEventSink[] additionalSinks)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var levels = LogLevels.FromSettings(settings);
        var tail = new LogTailSink(settings.ConsoleTemplate, settings.TailBufferSize);
        return new NodeLogging(CreateLogger(settings, nodeName, levels, tail, additionalSinks), levels, tail);
    }

    /// <summary>Creates a logger bound to an existing level registry and tail sink.</summary>
    public static Logger CreateLogger(LoggingSettings settings, string nodeName, LogLevels levels, LogTailSink tail, params ILogEventSink[] additionalSinks)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeName);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(tail);
        ArgumentNullException.ThrowIfNull(additionalSinks);

        var configuration = new LoggerConfiguration()
            .MinimumLevel.ControlledBy(levels.Floor)
            .Filter.With(levels.Filter)
            .Enrich.FromLogContext()
            .Enrich.WithProperty(NodeNameProperty, nodeName)
            .WriteTo.Sink(tail);

        if (settings.ConsoleEnabled)
        {
            configuration = configuration.WriteTo.Console(outputTemplate: settings.ConsoleTemplate, formatProvider: CultureInfo.InvariantCulture);
        }

        if (settings.FileEnabled)
        {
            configuration = configuration.WriteTo.File(
                settings.FilePath,
                outputTemplate: settings.FileTemplate,
                formatProvider: CultureInfo.InvariantCulture,
                fileSizeLimitBytes: settings.FileSizeLimitBytes,
                rollingInterval: settings.RollingInterval,
                rollOnFileSizeLimit: settings.FileSizeLimitBytes is not null,
                retainedFileCountLimit: settings.RetainedFileCount);
        }

        foreach (var sink in additionalSinks)
        {
            configuration = configuration.WriteTo.Sink(sink, LogEventLevel.Verbose);
        }

        return configuration.CreateLogger();
    }

    /// <summary>Convenience: the logger only, with a fresh level registry and tail sink (for tools and tests).</summary>
    public static Logger CreateLogger(LoggingSettings settings, string nodeName) => Create(settings, nodeName).Logger;
}
