namespace Cluster.Actors.Calls;

/// <summary>Why a call command was refused; the rejection carries the SIP response the edge sends.</summary>
public enum CallErrorCode
{
    /// <summary>No such call, leg or dialog (481).</summary>
    NotFound,

    /// <summary>The call already exists (a new INVITE for an existing call id; 482).</summary>
    AlreadyExists,

    /// <summary>A field is missing or malformed (400).</summary>
    InvalidArgument,

    /// <summary>Not possible in this phase (e.g. REFER before the answer; 403 or 481).</summary>
    InvalidState,

    /// <summary>CSeq not above the last one in the dialog (RFC 3261 §12.2.2; 500).</summary>
    OutOfOrder,

    /// <summary>An offer/answer exchange is already in flight (RFC 3261 §14.2; 491 or 500 with Retry-After).</summary>
    Pending,

    /// <summary>Session-Expires below our Min-SE (RFC 4028 §6; 422 with Min-SE).</summary>
    IntervalTooSmall,

    /// <summary>The call has ended (481).</summary>
    Ended,
}
