using System.Collections.Concurrent;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Cluster.Runtime.Tests.Persistence;

/// <summary>Keeps log events so tests can assert that failures are logged, not swallowed.</summary>
public sealed class CollectingSink : ILogEventSink
{
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);

    public ILogger CreateLogger() => new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(this).CreateLogger();

    public IEnumerable<string> Rendered(LogEventLevel level) =>
        Events.Where(e => e.Level == level).Select(e => e.RenderMessage() + (e.Exception is null ? "" : " " + e.Exception.Message));
}
