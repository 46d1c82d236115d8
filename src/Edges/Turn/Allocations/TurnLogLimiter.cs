using Serilog;
using Serilog.Events;

namespace Cluster.Edges.Turn.Allocations;

/// <summary>
/// Caps how many refusal lines per second reach the log, so a flood of forged requests cannot turn into a flood
/// of log I/O; the lines held back are counted and reported once the next second starts.
/// </summary>
internal sealed class TurnLogLimiter
{
    private readonly ILogger log;
    private readonly int perSecond;
    private readonly object gate = new();
    private long windowStart = Environment.TickCount64;
    private int written;
    private long suppressed;

    public TurnLogLimiter(ILogger log, int perSecond)
    {
        this.log = log;
        this.perSecond = perSecond;
    }

    public void Write(LogEventLevel level, string template, params object?[] values)
    {
        if (!log.IsEnabled(level))
        {
            return;
        }

        long held = 0;
        lock (gate)
        {
            var now = Environment.TickCount64;
            if (now - windowStart >= 1000)
            {
                held = suppressed;
                suppressed = 0;
                written = 0;
                windowStart = now;
            }

            if (written >= perSecond)
            {
                suppressed++;
                return;
            }

            written++;
        }

        if (held > 0)
        {
            log.Warning("TURN: {Count} refusal log lines suppressed in the last second", held);
        }

        log.Write(level, template, values);
    }
}
