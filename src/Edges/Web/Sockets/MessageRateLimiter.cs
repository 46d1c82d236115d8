namespace Cluster.Edges.Web;

/// <summary>
/// Token bucket for one connection's inbound messages: <c>rate</c> tokens per second, holding at most
/// <c>rate</c>, so a client may burst a second's worth and then keep the average. Driven by the edge's
/// <see cref="TimeProvider"/> so tests decide when tokens come back.
/// </summary>
internal sealed class MessageRateLimiter(int perSecond, TimeProvider time)
{
    private double tokens = perSecond;
    private long last = time.GetTimestamp();

    /// <summary>Takes one token; false when the bucket is empty (the message is over the limit).</summary>
    public bool TryTake()
    {
        if (perSecond == 0)
            return true;
        var now = time.GetTimestamp();
        tokens = Math.Min(perSecond, tokens + time.GetElapsedTime(last, now).TotalSeconds * perSecond);
        last = now;
        if (tokens < 1)
            return false;
        tokens -= 1;
        return true;
    }
}
