namespace Cluster.Actors.Calls;

/// <summary>A SIP response the edge is to send on a server transaction, with the headers the call core decides.</summary>
/// <param name="Status">Status code.</param>
/// <param name="Reason">Reason phrase.</param>
/// <param name="Sdp">Body (application/sdp), if any.</param>
/// <param name="SessionExpires">Session-Expires to include (with Require: timer when <paramref name="RequireTimer"/>).</param>
/// <param name="MinSe">Min-SE to include (required in 422, RFC 4028 §6).</param>
/// <param name="RetryAfter">Retry-After in seconds (500 for overlapping re-INVITEs, RFC 3261 §14.2).</param>
/// <param name="RequireTimer">Put "timer" into Require (the UAC supports it and a refresher is set, RFC 4028 §9).</param>
/// <param name="LocalTag">The To-tag to answer with (dialog-creating responses).</param>
public sealed record SipResponse(
    int Status,
    string Reason,
    string? Sdp = null,
    SessionExpires? SessionExpires = null,
    int? MinSe = null,
    int? RetryAfter = null,
    bool RequireTimer = false,
    string? LocalTag = null)
{
    public static SipResponse Ok(string? sdp = null) => new(200, "OK", sdp);

    /// <summary>The reason phrase RFC 3261 §21 gives a status code.</summary>
    public static string ReasonFor(int status) => status switch
    {
        180 => "Ringing",
        181 => "Call Is Being Forwarded",
        183 => "Session Progress",
        200 => "OK",
        202 => "Accepted",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        422 => "Session Interval Too Small",
        480 => "Temporarily Unavailable",
        481 => "Call/Transaction Does Not Exist",
        486 => "Busy Here",
        487 => "Request Terminated",
        488 => "Not Acceptable Here",
        491 => "Request Pending",
        500 => "Server Internal Error",
        503 => "Service Unavailable",
        600 => "Busy Everywhere",
        603 => "Decline",
        604 => "Does Not Exist Anywhere",
        _ => status < 300 ? "OK" : "Error",
    };

    public static SipResponse Of(int status) => new(status, ReasonFor(status));
}
