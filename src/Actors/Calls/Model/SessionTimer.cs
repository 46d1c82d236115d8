namespace Cluster.Actors.Calls;

/// <summary>
/// A leg's negotiated session timer (RFC 4028). The refresher refreshes at half the interval (§10); when the party is the
/// refresher and misses it, the session ends at the interval minus min(32 s, interval/3) (§10), and we BYE both sides.
/// </summary>
/// <param name="IntervalSeconds">The negotiated Session-Expires.</param>
/// <param name="Refresher">Who refreshes.</param>
/// <param name="RefreshedAt">The last successful refresh (or the answer).</param>
/// <param name="PendingCSeq">CSeq of our refresh request in flight, if any.</param>
/// <param name="RetryAt">After a refresh that failed softly (491, 5xx), when to try again.</param>
public sealed record SessionTimer(int IntervalSeconds, SessionRefresher Refresher, DateTimeOffset RefreshedAt, long? PendingCSeq = null, DateTimeOffset? RetryAt = null)
{
    /// <summary>When we send our refresh (we are the refresher).</summary>
    public DateTimeOffset RefreshDueAt => RefreshedAt.AddSeconds(IntervalSeconds / 2.0);

    /// <summary>When the session counts as expired without a refresh (RFC 4028 §10).</summary>
    public DateTimeOffset ExpiresAt => RefreshedAt.AddSeconds(IntervalSeconds - Math.Min(32, IntervalSeconds / 3.0));

    /// <summary>The next instant this timer needs attention.</summary>
    public DateTimeOffset NextDeadline
    {
        get
        {
            if (Refresher == SessionRefresher.Them || PendingCSeq is not null)
            {
                return ExpiresAt;
            }

            var attempt = RetryAt ?? RefreshDueAt;
            return attempt < ExpiresAt ? attempt : ExpiresAt;
        }
    }

    /// <summary>True when we should send a refresh now.</summary>
    public bool RefreshDue(DateTimeOffset now) =>
        Refresher == SessionRefresher.Us && PendingCSeq is null && (RetryAt ?? RefreshDueAt) <= now;

    /// <summary>The header for a request we send on this leg: we are the UAC of that transaction.</summary>
    public SessionExpires ForRequest() => new(IntervalSeconds, Refresher == SessionRefresher.Us ? SessionExpires.Uac : SessionExpires.Uas);

    /// <summary>The header for a 2xx we send on this leg: we are the UAS of that transaction.</summary>
    public SessionExpires ForResponse() => new(IntervalSeconds, Refresher == SessionRefresher.Us ? SessionExpires.Uas : SessionExpires.Uac);
}
