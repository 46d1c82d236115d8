namespace Cluster.Actors.Calls;

/// <summary>Why a call (or a ring attempt) ended; the call record shows it and the edge maps it to a SIP status.</summary>
public enum EndReason
{
    /// <summary>Answered, then a party hung up (BYE).</summary>
    Completed,

    /// <summary>The caller cancelled before an answer (CANCEL, 487).</summary>
    Cancelled,

    /// <summary>Every fork answered busy, or the user is busy (486).</summary>
    Busy,

    /// <summary>Nobody answered in time (480).</summary>
    NoAnswer,

    /// <summary>A fork declined (603).</summary>
    Declined,

    /// <summary>No device to ring, or every attempt failed (480).</summary>
    Unreachable,

    /// <summary>The called user does not exist (404).</summary>
    NotFound,

    /// <summary>Some other failure; the call record holds the status.</summary>
    Failed,

    /// <summary>A session timer ran out without a refresh, or a refresh failed (RFC 4028 §10).</summary>
    SessionExpired,

    /// <summary>Ended through the phone-control API or by an operator.</summary>
    HungUp,

    /// <summary>The call entity moved nodes while ringing; the ringing phase is not journaled.</summary>
    Failover,
}
