using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Cluster.TestSupport;

/// <summary>
/// An in-memory Serilog sink shared by every test project, so tests can assert that a failure was logged (not
/// swallowed), with which level, properties and enrichment, and can wait for a line another thread logs instead of
/// sleeping. Use it as the sink of a logger under test, or let it make the logger (<see cref="Logger"/>,
/// <see cref="CreateLogger"/>) at the minimum level it was created with.
/// </summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly Lock gate = new();
    private readonly List<LogEvent> events = [];
    private readonly List<(string Fragment, TaskCompletionSource Done)> waiters = [];

    /// <param name="minimumLevel">The lowest level the loggers this capture makes let through.</param>
    public LogCapture(LogEventLevel minimumLevel = LogEventLevel.Verbose)
    {
        MinimumLevel = minimumLevel;
        Logger = CreateLogger();
    }

    /// <summary>The lowest level <see cref="Logger"/> and <see cref="CreateLogger"/> let through.</summary>
    public LogEventLevel MinimumLevel { get; }

    /// <summary>A logger writing to this capture.</summary>
    public ILogger Logger { get; }

    /// <summary>Every event received so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<LogEvent> Events
    {
        get
        {
            lock (gate) return [.. events];
        }
    }

    /// <summary>The rendered messages of <see cref="Events"/>.</summary>
    public IReadOnlyList<string> Messages => [.. Events.Select(e => e.RenderMessage())];

    /// <summary>Each event as "<c>Level: rendered message</c>", the form <see cref="WaitForAsync"/> searches.</summary>
    public IReadOnlyList<string> Lines => [.. Events.Select(Line)];

    /// <summary>A new logger writing to this capture at <see cref="MinimumLevel"/> (one per actor system under test).</summary>
    public ILogger CreateLogger() => new LoggerConfiguration().MinimumLevel.Is(MinimumLevel).WriteTo.Sink(this).CreateLogger();

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var line = Line(logEvent);
        List<TaskCompletionSource> ready = [];
        lock (gate)
        {
            events.Add(logEvent);
            for (var i = waiters.Count - 1; i >= 0; i--)
            {
                if (!line.Contains(waiters[i].Fragment, StringComparison.Ordinal)) continue;
                ready.Add(waiters[i].Done);
                waiters.RemoveAt(i);
            }
        }

        foreach (var done in ready) done.TrySetResult();
    }

    /// <summary>Events whose message template (not the rendered text) contains <paramref name="templateFragment"/>.</summary>
    public IEnumerable<LogEvent> Matching(string templateFragment) =>
        Events.Where(e => e.MessageTemplate.Text.Contains(templateFragment, StringComparison.Ordinal));

    /// <summary>Rendered messages at <paramref name="level"/>, each followed by its exception's message when it has one.</summary>
    public IEnumerable<string> Rendered(LogEventLevel level) =>
        Events.Where(e => e.Level == level).Select(e => e.RenderMessage() + (e.Exception is null ? "" : " " + e.Exception.Message));

    /// <summary>
    /// Completes once a line (see <see cref="Lines"/>) containing <paramref name="fragment"/> has been logged, before or
    /// after the call; fails after <paramref name="timeout"/> (default <see cref="Deadline.Default"/>) showing the last lines.
    /// </summary>
    public async Task WaitForAsync(string fragment, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(fragment);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (events.Any(e => Line(e).Contains(fragment, StringComparison.Ordinal))) return;
            waiters.Add((fragment, done));
        }

        var limit = timeout ?? Deadline.Default;
        try
        {
            await done.Task.WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            lock (gate) waiters.RemoveAll(w => w.Done == done);
            throw new Xunit.Sdk.XunitException($"Timed out after {limit} waiting for a log line containing '{fragment}'; last lines: "
                + string.Join(" | ", Lines.TakeLast(10)));
        }
    }

    /// <summary>The scalar value of <paramref name="property"/> on <paramref name="logEvent"/> as text, or null when it lacks it.</summary>
    public static string? Property(LogEvent logEvent, string property)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        return logEvent.Properties.TryGetValue(property, out var value) && value is ScalarValue { Value: { } v } ? v.ToString() : null;
    }

    private static string Line(LogEvent logEvent) => $"{logEvent.Level}: {logEvent.RenderMessage()}";
}
