namespace Cluster.Edges.Turn.Allocations;

/// <summary>Lifetime arithmetic of RFC 8656 §7.2 and §7.3.</summary>
internal static class TurnLifetimes
{
    /// <summary>
    /// The "desired lifetime": the client's request capped at the maximum, and never below the default (the RFC
    /// lets the server refuse to shorten below it). No LIFETIME attribute means the default.
    /// </summary>
    public static TimeSpan Desired(uint? requestedSeconds, TurnSettings settings)
    {
        if (requestedSeconds is not { } seconds)
        {
            return settings.DefaultAllocationLifetime;
        }

        var requested = TimeSpan.FromSeconds(seconds);
        var capped = requested < settings.MaxAllocationLifetime ? requested : settings.MaxAllocationLifetime;
        return capped > settings.DefaultAllocationLifetime ? capped : settings.DefaultAllocationLifetime;
    }
}
