namespace Cluster.Edges.Web;

/// <summary>
/// Checks a username and password for the login endpoint. The web edge never sees password hashes: the integrator
/// implements this against the user entities (salted hash in <c>UserEntity</c>), so the edge stays free of domain
/// state and can be tested with an in-memory directory.
/// </summary>
public interface ICredentialVerifier
{
    /// <summary>
    /// Verifies the credentials. Returns <see cref="CredentialCheck.Failed"/> for an unknown user and for a wrong
    /// password alike (the caller must not be able to tell them apart); throws only when the check itself could not
    /// be made (the login then answers 503).
    /// </summary>
    Task<CredentialCheck> VerifyAsync(string username, string password, CancellationToken cancellationToken);
}
