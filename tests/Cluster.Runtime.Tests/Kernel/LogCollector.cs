using System.Collections.Concurrent;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Cluster.Runtime.Tests.Kernel;

/// <summary>A Serilog sink that keeps every event for assertions.</summary>
public sealed class LogCollector : ILogEventSink
{
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    public ILogger CreateLogger() => new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);

    public IEnumerable<LogEvent> Matching(string fragment) =>
        Events.Where(e => e.MessageTemplate.Text.Contains(fragment, StringComparison.Ordinal));
}
