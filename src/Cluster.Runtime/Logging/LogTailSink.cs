using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace Cluster.Runtime.Logging;

/// <summary>
/// In-memory sink behind the shell's <c>log tail</c>: every logger built by <see cref="LoggingSetup"/> includes it, and
/// costs one check of an empty array while nobody is subscribed. Events are formatted once per event and offered to
/// every subscriber's bounded buffer.
/// </summary>
public sealed class LogTailSink : ILogEventSink
{
    /// <summary>Buffer size used when a subscriber asks for none.</summary>
    public const int DefaultBufferSize = 1000;

    private readonly object gate = new();
    private readonly ITextFormatter formatter;
    private readonly int defaultBufferSize;
    private volatile LogTailSubscription[] subscribers = [];
    private volatile Action<LogEvent>[] listeners = [];

    /// <param name="outputTemplate">Serilog output template of the delivered lines.</param>
    /// <param name="defaultBufferSize">Lines kept per subscriber that reads slower than the node logs.</param>
    public LogTailSink(string outputTemplate, int defaultBufferSize = DefaultBufferSize)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputTemplate);
        ArgumentOutOfRangeException.ThrowIfLessThan(defaultBufferSize, 1);
        formatter = new MessageTemplateTextFormatter(outputTemplate, CultureInfo.InvariantCulture);
        this.defaultBufferSize = defaultBufferSize;
    }

    public int SubscriberCount => subscribers.Length;

    /// <summary>Starts delivering formatted events at or above <paramref name="minimumLevel"/>.</summary>
    /// <param name="minimumLevel">Lowest level delivered (the node's own levels still apply first).</param>
    /// <param name="bufferSize">Lines kept while the reader is behind; null for the configured default.</param>
    public LogTailSubscription Subscribe(LogEventLevel minimumLevel = LogEventLevel.Verbose, int? bufferSize = null)
    {
        var capacity = bufferSize ?? defaultBufferSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1, nameof(bufferSize));
        var subscription = new LogTailSubscription(this, capacity, minimumLevel);
        lock (gate)
        {
            subscribers = [.. subscribers, subscription];
        }

        return subscription;
    }

    /// <summary>
    /// Calls <paramref name="listener"/> with every event until the handle is disposed, for consumers that format
    /// events themselves (the shell's <c>log tail --json</c>). The listener runs on the logging thread: it must not block.
    /// </summary>
    public IDisposable Listen(Action<LogEvent> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (gate)
        {
            listeners = [.. listeners, listener];
        }
        return new ListenerHandle(this, listener);
    }

    public void Emit(LogEvent logEvent)
    {
        foreach (var listener in listeners)
        {
            listener(logEvent);
        }

        var current = subscribers;
        if (current.Length == 0)
        {
            return;
        }

        string? line = null;
        foreach (var subscriber in current)
        {
            if (logEvent.Level < subscriber.MinimumLevel)
            {
                continue;
            }

            if (line is null)
            {
                using var writer = new StringWriter(CultureInfo.InvariantCulture);
                formatter.Format(logEvent, writer);
                line = writer.ToString();
            }

            subscriber.Offer(line);
        }
    }

    internal void Remove(LogTailSubscription subscription)
    {
        lock (gate)
        {
            subscribers = subscribers.Where(s => !ReferenceEquals(s, subscription)).ToArray();
        }
    }

    private sealed class ListenerHandle(LogTailSink sink, Action<LogEvent> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (sink.gate)
            {
                sink.listeners = sink.listeners.Where(l => !ReferenceEquals(l, listener)).ToArray();
            }
        }
    }
}
