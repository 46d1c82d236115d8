using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Cluster.Runtime.Tests.Remoting.Support;

/// <summary>Serilog sink that keeps rendered log lines so tests can assert that a condition was logged.</summary>
public sealed class LogCapture : ILogEventSink
{
    public LogCapture() =>
        Logger = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(this).CreateLogger();

    public ILogger Logger { get; }
    public ObservedList<string> Lines { get; } = new();

    public void Emit(LogEvent logEvent) => Lines.Add($"{logEvent.Level}: {logEvent.RenderMessage()}");

    public Task WaitForAsync(string fragment, TimeSpan timeout) =>
        Lines.WaitUntilAsync(lines => lines.Any(l => l.Contains(fragment, StringComparison.Ordinal)), timeout, $"a log line containing '{fragment}'");
}
