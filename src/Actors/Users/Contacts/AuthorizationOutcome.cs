namespace Cluster.Actors.Users;

/// <summary>How a pending authorization request ended.</summary>
public enum AuthorizationOutcome
{
    Accepted,
    Denied,

    /// <summary>The request was dropped because the contact was removed.</summary>
    Withdrawn,
}
