namespace Cluster.Edges.Sip.Auth;

/// <summary>Outcome of checking a Digest credential; everything but <see cref="Valid"/> is answered with a new challenge.</summary>
public enum SipDigestResult : byte
{
    /// <summary>The response is correct, the nonce genuine and fresh, the nonce count new.</summary>
    Valid,

    /// <summary>
    /// The response is correct for a genuine nonce that expired (or whose count history was evicted): challenge again
    /// with <c>stale=true</c>, so the client retries without asking the user (RFC 7616 §3.3).
    /// </summary>
    Stale,

    /// <summary>The nonce was not issued by this realm's key (forged, corrupted, or from another realm).</summary>
    InvalidNonce,

    /// <summary>The response does not match: wrong password, user, method or URI.</summary>
    WrongResponse,

    /// <summary>The nonce count did not increase: a replayed request (RFC 7616 §3.4).</summary>
    Replay,

    /// <summary>Missing or malformed qop/nc/cnonce, an unsupported algorithm, or another realm.</summary>
    Malformed,
}
