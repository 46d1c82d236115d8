using System.Collections.Concurrent;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Cluster.Actors.Tests.Users.Entity;

/// <summary>Collects the log events of a test's actor systems so tests can check enrichment and warnings.</summary>
public sealed class LogEvents : ILogEventSink
{
    public ConcurrentQueue<LogEvent> All { get; } = new();

    public void Emit(LogEvent logEvent) => All.Enqueue(logEvent);

    public ILogger CreateLogger() => new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    /// <summary>The rendered value of <paramref name="property"/>, or null when the event lacks it.</summary>
    public static string? Property(LogEvent e, string property) =>
        e.Properties.TryGetValue(property, out var value) && value is ScalarValue { Value: { } v } ? v.ToString() : null;
}
