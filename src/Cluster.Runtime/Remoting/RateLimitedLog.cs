using Serilog;
using Serilog.Events;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// Logs a repeating condition at most once per interval, with the number of occurrences since the last line, so that
/// a flood (a full queue at 100k msg/s) stays visible without drowning the log.
/// </summary>
internal sealed class RateLimitedLog
{
    private readonly ILogger _log;
    private readonly LogEventLevel _level;
    private readonly TimeProvider _time;
    private readonly long _intervalTicks;
    private long _nextAllowed;
    private long _suppressed;

    public RateLimitedLog(ILogger log, LogEventLevel level, TimeSpan interval, TimeProvider time)
    {
        _log = log;
        _level = level;
        _time = time;
        _intervalTicks = (long)(interval.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Writes "<paramref name="template"/>" with the occurrence count as the last property.</summary>
    public void Write<T0>(Exception? exception, string template, T0 arg0)
    {
        if (TryTake(out var count)) _log.Write(_level, exception, template, arg0, count);
    }

    /// <summary>Writes "<paramref name="template"/>" with the occurrence count as the last property.</summary>
    public void Write<T0, T1>(Exception? exception, string template, T0 arg0, T1 arg1)
    {
        if (TryTake(out var count)) _log.Write(_level, exception, template, new object?[] { arg0, arg1, count });
    }

    private bool TryTake(out long count)
    {
        Interlocked.Increment(ref _suppressed);
        count = 0;
        var now = _time.GetTimestamp();
        var next = Volatile.Read(ref _nextAllowed);
        if (now < next || Interlocked.CompareExchange(ref _nextAllowed, now + _intervalTicks, next) != next) return false;
        count = Interlocked.Exchange(ref _suppressed, 0);
        return true;
    }
}
