namespace Cluster.Edges.Turn.Auth;

/// <summary>
/// Why a request's credentials were refused. The client only ever sees 401/438; the reason is for the server's log
/// so an operator can tell a clock problem (Expired) from a secret mismatch (BadIntegrity) from a misconfigured
/// realm.
/// </summary>
public enum CredentialRejection : byte
{
    None = 0,

    /// <summary>Neither USERNAME nor USERHASH, or the username is not valid UTF-8.</summary>
    MissingUsername,

    /// <summary>A REST-scheme username without a numeric expiry.</summary>
    MalformedUsername,

    /// <summary>A REST-scheme username whose expiry is in the past.</summary>
    Expired,

    /// <summary>REALM missing or not the realm this server serves.</summary>
    WrongRealm,

    /// <summary>No such user (static users), or USERHASH where it cannot be resolved.</summary>
    UnknownUser,

    /// <summary>MESSAGE-INTEGRITY(-SHA256) does not verify with any candidate key: wrong password or secret ("bad HMAC").</summary>
    BadIntegrity,
}
