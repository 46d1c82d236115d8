using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Auth;

/// <summary>
/// Checks USERNAME/USERHASH, REALM and MESSAGE-INTEGRITY of a request against one credential source (shared REST
/// secret, static users, later the user directory). Nonce handling is not its job: <see cref="LongTermAuthenticator"/>
/// checks the nonce first so that no credential work is done for replayed or forged nonces.
/// </summary>
public interface ILongTermCredentialValidator
{
    /// <summary>Validates <paramref name="request"/>; the key is derived with <paramref name="algorithm"/>.</summary>
    CredentialCheck Validate(in StunMessage request, StunPasswordAlgorithm algorithm);
}
