namespace Cluster.Edges.Web;

/// <summary>Which limit refused a login attempt; logged and counted, never told to the client.</summary>
public enum LoginRefusal
{
    /// <summary>The attempt may proceed.</summary>
    None,

    /// <summary>Too many attempts from the source address in the current window.</summary>
    AddressRate,

    /// <summary>Too many attempts for the username in the current window.</summary>
    UserRate,

    /// <summary>The username is locked after consecutive failures.</summary>
    Locked,
}

/// <summary>
/// Answer of <see cref="LoginThrottle.Admit"/>: proceed, or refuse with the time after which trying again can
/// succeed (sent as Retry-After, RFC 9110 §10.2.3).
/// </summary>
public readonly record struct LoginAdmission(LoginRefusal Refusal, TimeSpan RetryAfter)
{
    public static LoginAdmission Allowed => default;

    public bool IsAllowed => Refusal == LoginRefusal.None;
}
