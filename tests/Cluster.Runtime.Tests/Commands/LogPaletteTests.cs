using System.Collections.Concurrent;
using Cluster.Runtime.Commands;
using Cluster.Runtime.Commands.Palettes;
using Cluster.Runtime.Commands.Parsing;
using Cluster.Runtime.Logging;
using Cluster.TestSupport;
using Serilog.Events;

namespace Cluster.Runtime.Tests.Commands;

public class LogPaletteTests
{
    /// <summary>Stands in for the node's logging subsystem.</summary>
    private sealed class FakeLogging
    {
        public List<(LogEventLevel Level, string? Namespace)> Changes { get; } = [];
        public ConcurrentBag<Action<LogTailEvent>> Subscribers { get; } = [];
        public TaskCompletionSource Subscribed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Unsubscribed;

        public LogPaletteBindings Bindings => new(
            () => [new LogLevelSetting(null, LogEventLevel.Information), new LogLevelSetting("Cluster.Sharding", LogEventLevel.Debug)],
            (level, ns) => Changes.Add((level, ns)),
            callback =>
            {
                Subscribers.Add(callback);
                Subscribed.TrySetResult();
                return new Unsubscriber(this);
            });

        private sealed class Unsubscriber(FakeLogging owner) : IDisposable
        {
            public void Dispose() => Interlocked.Increment(ref owner.Unsubscribed);
        }
    }

    private static Task Run(CommandPalette palette, CommandOutput output, CancellationToken cancellationToken, params string[] argv)
    {
        var command = palette.FindCommand(argv[0])!;
        var invocation = CommandLineParser.Parse(palette.Name, command, argv.Skip(1).ToArray(), output.IsJson);
        return command.Handler(invocation, output, cancellationToken);
    }

    [Fact]
    public async Task Set_level_passes_the_parsed_level_and_namespace()
    {
        var logging = new FakeLogging();
        var palette = LogPalette.Create(logging.Bindings);
        var output = new RecordingOutput();
        await Run(palette, output, CancellationToken.None, "level", "warn", "Cluster.Edges.Sip");
        await Run(palette, output, CancellationToken.None, "level", "DEBUG");
        Assert.Equal([(LogEventLevel.Warning, "Cluster.Edges.Sip"), (LogEventLevel.Debug, (string?)null)], logging.Changes);
        Assert.Equal(["Log level for Cluster.Edges.Sip set to Warning", "Default log level set to Debug"], output.Lines);
    }

    [Fact]
    public async Task Unknown_level_is_a_usage_error_listing_levels()
    {
        var logging = new FakeLogging();
        var error = await Assert.ThrowsAsync<CommandUsageException>(() =>
            Run(LogPalette.Create(logging.Bindings), new RecordingOutput(), CancellationToken.None, "level", "loud"));
        Assert.Equal("unknown log level 'loud'; valid levels: verbose, debug, information, warning, error, fatal (also trace, info, warn)", error.Message);
        Assert.Empty(logging.Changes);
    }

    [Fact]
    public async Task Levels_lists_the_default_first()
    {
        var output = new RecordingOutput();
        await Run(LogPalette.Create(new FakeLogging().Bindings), output, CancellationToken.None, "levels");
        var table = Assert.Single(output.Tables);
        Assert.Equal(["(default)", "Cluster.Sharding"], table.Rows.Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task Tail_filters_events_and_unsubscribes_when_cancelled()
    {
        var logging = new FakeLogging();
        var output = new RecordingOutput(isJson: true);
        using var stop = new CancellationTokenSource();
        var tail = Run(LogPalette.Create(logging.Bindings), output, stop.Token, "tail", "--level", "info", "-n", "Cluster.Sharding");
        if (await Task.WhenAny(logging.Subscribed.Task, Task.Delay(TimeSpan.FromSeconds(10))) != logging.Subscribed.Task)
            throw new TimeoutException("expected log tail to subscribe within 10 s");
        var publish = Assert.Single(logging.Subscribers);
        var time = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        publish(new LogTailEvent(time, LogEventLevel.Debug, "Cluster.Sharding.Shard", "too low", null));
        publish(new LogTailEvent(time, LogEventLevel.Warning, "Cluster.Edges.Sip", "other namespace", null));
        publish(new LogTailEvent(time, LogEventLevel.Warning, "Cluster.Sharding.Shard", "shown", null));
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tail);
        Assert.Equal(1, logging.Unsubscribed);
        // Cancellation may win against delivering the buffered event, so only "shown" may appear, and only once.
        var messages = output.Items.OfType<System.Text.Json.Nodes.JsonNode>().Select(n => n["message"]!.GetValue<string>()).ToArray();
        Assert.All(messages, m => Assert.Equal("shown", m));
        Assert.True(messages.Length <= 1);
    }

    [Fact]
    public async Task Tail_reports_events_dropped_when_the_reader_falls_behind()
    {
        var logging = new FakeLogging();
        var output = new BlockingOutput();
        using var stop = new CancellationTokenSource();
        var tail = Run(LogPalette.Create(logging.Bindings, tailBuffer: 2), output, stop.Token, "tail");
        if (await Task.WhenAny(logging.Subscribed.Task, Task.Delay(TimeSpan.FromSeconds(10))) != logging.Subscribed.Task)
            throw new TimeoutException("expected log tail to subscribe within 10 s");
        var publish = Assert.Single(logging.Subscribers);
        // The handler blocks writing its banner, so nothing is read: 2 events fit in the buffer, 3 are dropped.
        for (var i = 0; i < 5; i++)
            publish(new LogTailEvent(DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, $"event {i}", null));
        output.Release.SetResult();
        var dropped = await output.WaitForLineAsync(l => l.Contains("dropped", StringComparison.Ordinal));
        Assert.Equal("... 3 log events dropped: the shell reads slower than the node logs", dropped);
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tail);
    }

    /// <summary>Blocks the first write until released, then records lines and signals waiters.</summary>
    private sealed class BlockingOutput : CommandOutput
    {
        private readonly ConcurrentQueue<string> lines = new();
        private readonly SemaphoreSlim written = new(0);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool IsJson => false;

        public override ValueTask WriteTableAsync(CommandTable table) => ValueTask.CompletedTask;

        public override ValueTask WriteSectionAsync(string? title, IReadOnlyList<KeyValuePair<string, object?>> entries) => ValueTask.CompletedTask;

        public override ValueTask WriteJsonAsync(System.Text.Json.Nodes.JsonNode? value) => ValueTask.CompletedTask;

        public override async ValueTask WriteLineAsync(string text)
        {
            await Release.Task;
            lines.Enqueue(text);
            written.Release();
        }

        public async Task<string> WaitForLineAsync(Func<string, bool> match)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (true)
            {
                if (lines.FirstOrDefault(match) is { } found)
                    return found;
                try
                {
                    await written.WaitAsync(deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"expected a matching line within 10 s; got: {string.Join(" | ", lines)}");
                }
            }
        }
    }
}
