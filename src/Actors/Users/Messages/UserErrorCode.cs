namespace Cluster.Actors.Users;

/// <summary>Why a user command was refused; edges map these to protocol answers (SIP status, HTTP status).</summary>
public enum UserErrorCode
{
    /// <summary>The user does not exist (SIP 404, HTTP 404).</summary>
    NotFound,

    /// <summary>CreateUser for an existing user (HTTP 409).</summary>
    AlreadyExists,

    /// <summary>The user is disabled (SIP 403, HTTP 403).</summary>
    Disabled,

    /// <summary>A field is missing or malformed; the reason says which (SIP 400, HTTP 400).</summary>
    InvalidArgument,

    /// <summary>REGISTER with a CSeq not higher than the binding's for the same Call-ID (RFC 3261 §10.3 step 7; SIP 500).</summary>
    OutOfOrder,

    /// <summary><c>Contact: *</c> with other contacts or a non-zero expiry (RFC 3261 §10.3 step 6; SIP 400).</summary>
    InvalidWildcard,

    /// <summary>A per-user limit (bindings, sessions, devices, watchers, contacts) would be exceeded (SIP 403/503, HTTP 429).</summary>
    LimitExceeded,

    /// <summary>The offline store is full; the sender should retry later (SIP 480, HTTP 507).</summary>
    MailboxFull,

    /// <summary>The message body is larger than allowed (SIP 413, HTTP 413).</summary>
    TooLarge,

    /// <summary>The sender or watcher is blocked by the user (SIP 403).</summary>
    Blocked,

    /// <summary>No pending request, binding, session, watcher or device matches.</summary>
    NoSuchItem,

    /// <summary>No credentials are set, or the realm asked for is not the one they were made for.</summary>
    NoCredentials,

    /// <summary>The password does not meet the policy.</summary>
    WeakPassword,
}
