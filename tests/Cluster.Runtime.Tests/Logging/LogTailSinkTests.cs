using Cluster.Runtime.Logging;
using Serilog.Events;

namespace Cluster.Runtime.Tests.Logging;

public class LogTailSinkTests
{
    private static NodeLogging Create(int tailBuffer = 100) => LoggingSetup.Create(
        new LoggingSettings { ConsoleEnabled = false, ConsoleTemplate = "{Level:u3} {NodeName}: {Message:lj}", TailBufferSize = tailBuffer },
        "uc-1");

    private static async Task<string> ReadWithin(LogTailSubscription subscription, TimeSpan deadline, string expectation)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            return await subscription.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"expected a tail line ({expectation}) within {deadline}");
        }
    }

    [Fact]
    public async Task Subscriber_receives_formatted_events_in_order()
    {
        using var logging = Create();
        using var subscription = logging.Tail.Subscribe();

        logging.Logger.Information("first {N}", 1);
        logging.Logger.Warning("second");

        Assert.Equal("INF uc-1: first 1", await ReadWithin(subscription, TimeSpan.FromSeconds(5), "the first event"));
        Assert.Equal("WRN uc-1: second", await ReadWithin(subscription, TimeSpan.FromSeconds(5), "the second event"));
        Assert.Equal(0, subscription.Dropped);
    }

    [Fact]
    public void Slow_subscriber_keeps_the_oldest_lines_up_to_its_buffer_and_counts_drops()
    {
        using var logging = Create(tailBuffer: 2);
        using var subscription = logging.Tail.Subscribe();

        for (var i = 0; i < 5; i++)
        {
            logging.Logger.Information("event {I}", i);
        }

        Assert.Equal(2, subscription.Capacity);
        Assert.Equal(3, subscription.Dropped);
        Assert.True(subscription.Reader.TryRead(out var a));
        Assert.True(subscription.Reader.TryRead(out var b));
        Assert.False(subscription.Reader.TryRead(out _));
        Assert.Equal(["INF uc-1: event 0", "INF uc-1: event 1"], new[] { a, b });
    }

    [Fact]
    public void Subscriber_level_filters_what_it_receives_and_each_subscriber_is_independent()
    {
        using var logging = Create();
        using var errorsOnly = logging.Tail.Subscribe(LogEventLevel.Error, bufferSize: 1);
        using var everything = logging.Tail.Subscribe();

        logging.Logger.Information("info");
        logging.Logger.Error("boom");
        logging.Logger.Error("boom again");

        Assert.True(errorsOnly.Reader.TryRead(out var line));
        Assert.Equal("ERR uc-1: boom", line);
        Assert.Equal(1, errorsOnly.Dropped);
        Assert.Equal(0, everything.Dropped);
        Assert.Equal(3, everything.Reader.Count);
    }

    [Fact]
    public async Task Disposed_subscription_completes_and_receives_nothing_more()
    {
        using var logging = Create();
        var subscription = logging.Tail.Subscribe();
        Assert.Equal(1, logging.Tail.SubscriberCount);

        subscription.Dispose();
        logging.Logger.Information("after dispose");

        Assert.Equal(0, logging.Tail.SubscriberCount);
        Assert.False(subscription.Reader.TryRead(out _));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        Assert.False(await subscription.Reader.WaitToReadAsync(timeout.Token), "expected the reader to complete after Dispose");
    }

    [Fact]
    public void Tail_sees_only_events_the_node_levels_let_through()
    {
        using var logging = Create();
        using var subscription = logging.Tail.Subscribe();

        logging.Logger.Debug("hidden at information");
        logging.Levels.SetLevel("debug");
        logging.Logger.Debug("visible after lowering");

        Assert.True(subscription.Reader.TryRead(out var line));
        Assert.Equal("DBG uc-1: visible after lowering", line);
        Assert.False(subscription.Reader.TryRead(out _));
    }
}
