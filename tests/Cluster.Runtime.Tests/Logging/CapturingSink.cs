using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Cluster.Runtime.Tests.Logging;

/// <summary>Keeps every event that reaches it, for asserting what the logger let through.</summary>
internal sealed class CapturingSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> events = new();

    public IReadOnlyList<LogEvent> Events => events.ToArray();

    public IReadOnlyList<string> Messages => events.Select(e => e.RenderMessage()).ToArray();

    public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);
}
