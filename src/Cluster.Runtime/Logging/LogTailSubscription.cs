using System.Threading.Channels;
using Serilog.Events;

namespace Cluster.Runtime.Logging;

/// <summary>
/// One reader of <see cref="LogTailSink"/> (a shell running <c>log tail</c>). Its buffer is bounded: when the reader
/// falls behind, new lines are dropped and counted in <see cref="Dropped"/> instead of growing memory or slowing the
/// threads that log. Dispose to stop receiving.
/// </summary>
public sealed class LogTailSubscription : IDisposable
{
    private readonly LogTailSink owner;
    private readonly Channel<string> channel;
    private long dropped;

    internal LogTailSubscription(LogTailSink owner, int capacity, LogEventLevel minimumLevel)
    {
        this.owner = owner;
        MinimumLevel = minimumLevel;
        Capacity = capacity;
        channel = Channel.CreateBounded<string>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    /// <summary>Formatted lines, oldest first; completes when the subscription is disposed.</summary>
    public ChannelReader<string> Reader => channel.Reader;

    /// <summary>Lines not delivered because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    public int Capacity { get; }

    public LogEventLevel MinimumLevel { get; }

    public void Dispose()
    {
        owner.Remove(this);
        channel.Writer.TryComplete();
    }

    internal void Offer(string line)
    {
        // TryWrite fails only when the bounded buffer is full (or the subscription is complete).
        if (!channel.Writer.TryWrite(line))
        {
            Interlocked.Increment(ref dropped);
        }
    }
}
