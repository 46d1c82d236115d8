namespace Cluster.Actors.Calls;

/// <summary>Clock-dependent views: when the call next needs <see cref="TimerDue"/>.</summary>
public sealed partial record CallState
{
    /// <summary>
    /// The earliest instant something is due: ring timeout or no-answer forwarding, push waits, a glare retry
    /// (RFC 3261 §14.1), session refreshes and expiries (RFC 4028 §10); for an orphaned recovered call, its start (so
    /// it is cleaned up at once). The entity arms one keyed timer for it that sends <see cref="TimerDue.Instance"/>.
    /// Null when nothing is scheduled.
    /// </summary>
    public DateTimeOffset? NextDeadline()
    {
        if (IsEnded || !Started)
        {
            return null;
        }

        if (IsOrphaned)
        {
            return StartedAt;
        }

        DateTimeOffset? next = null;
        void Consider(DateTimeOffset? at)
        {
            if (at is { } value && (next is null || value < next))
            {
                next = value;
            }
        }

        if (Ephemeral.Ringing is { } group)
        {
            Consider(group.NoAnswerAt);
            foreach (var wait in group.PushWaits)
            {
                Consider(wait.Until);
            }
        }

        Consider(Negotiation?.RetryAt);
        foreach (var leg in Legs.Values)
        {
            if (leg.IsConfirmed && leg.Timer is { } timer)
            {
                Consider(timer.NextDeadline);
            }
        }

        return next;
    }
}
