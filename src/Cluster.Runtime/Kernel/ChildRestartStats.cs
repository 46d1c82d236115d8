namespace Cluster.Runtime.Kernel;

/// <summary>
/// Restarts of one child, counted by its supervisor to enforce "at most N restarts within a time window".
/// </summary>
internal sealed class ChildRestartStats
{
    private int retries;
    private long windowStart;   // TimeProvider timestamp; 0 = no window opened yet

    /// <summary>
    /// Akka's rule: unlimited when <paramref name="maxNrOfRetries"/> is negative and there is no window; a total
    /// budget when there is no window; otherwise the count resets when a failure falls outside the current window
    /// (a negative budget with a window means one restart per window).
    /// </summary>
    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan? window, TimeProvider time)
    {
        if (maxNrOfRetries == 0) return false;
        if (window is null)
        {
            if (maxNrOfRetries < 0) return true;
            retries++;
            return retries <= maxNrOfRetries;
        }
        var allowed = maxNrOfRetries < 0 ? 1 : maxNrOfRetries;
        var now = time.GetTimestamp();
        if (windowStart == 0) windowStart = now;
        if (time.GetElapsedTime(windowStart, now) <= window.Value)
        {
            retries++;
            return retries <= allowed;
        }
        retries = 1;
        windowStart = now;
        return true;
    }
}
