namespace Cluster.Edges.Web;

/// <summary>
/// Outcome of <see cref="ICredentialVerifier.VerifyAsync"/>: the authenticated user or a failure. The failure
/// reason goes to the log only, never to the client.
/// </summary>
public sealed record CredentialCheck
{
    private CredentialCheck(AuthenticatedUser? user, string? failureReason)
    {
        User = user;
        FailureReason = failureReason;
    }

    /// <summary>The user, when the credentials were right.</summary>
    public AuthenticatedUser? User { get; }

    /// <summary>Why the check failed (for the log), when it did.</summary>
    public string? FailureReason { get; }

    /// <summary>True when <see cref="User"/> is set.</summary>
    public bool Succeeded => User is not null;

    public static CredentialCheck Success(AuthenticatedUser user) => new(user ?? throw new ArgumentNullException(nameof(user)), null);

    public static CredentialCheck Failed(string reason) => new(null, reason);
}
