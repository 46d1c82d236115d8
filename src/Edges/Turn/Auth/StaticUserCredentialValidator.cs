using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Auth;

/// <summary>
/// Long-term credentials from a fixed user/password table (coturn's <c>user=</c> lines): for tests, labs and
/// service accounts. Resolves USERHASH (RFC 8489 §14.4) through a precomputed hash table.
/// </summary>
public sealed class StaticUserCredentialValidator : ILongTermCredentialValidator
{
    private readonly Dictionary<string, string> passwords;
    private readonly Dictionary<string, string> usersByHash;
    private readonly string realm;

    public StaticUserCredentialValidator(IReadOnlyDictionary<string, string> passwords, string realm)
    {
        if (string.IsNullOrEmpty(realm))
        {
            throw new ArgumentException("The TURN realm is empty (uc.turn.realm).", nameof(realm));
        }

        this.passwords = new Dictionary<string, string>(passwords, StringComparer.Ordinal);
        this.realm = realm;
        usersByHash = this.passwords.Keys.ToDictionary(user => Convert.ToHexString(LongTermKey.UserHash(user, realm)), user => user, StringComparer.Ordinal);
    }

    public CredentialCheck Validate(in StunMessage request, StunPasswordAlgorithm algorithm)
    {
        if (!LongTermIntegrity.TryGetUsername(in request, out var username))
        {
            if (!request.TryGetAttribute(StunAttributeType.UserHash, out var hash) || hash.Length != 32)
            {
                return CredentialCheck.Reject(CredentialRejection.MissingUsername);
            }

            if (!usersByHash.TryGetValue(Convert.ToHexString(hash), out username!))
            {
                return CredentialCheck.Reject(CredentialRejection.UnknownUser);
            }
        }

        if (!LongTermIntegrity.RealmMatches(in request, realm))
        {
            return CredentialCheck.Reject(CredentialRejection.WrongRealm, username);
        }

        if (!passwords.TryGetValue(username, out var password))
        {
            return CredentialCheck.Reject(CredentialRejection.UnknownUser, username);
        }

        var key = LongTermKey.Compute(username, realm, password, algorithm);
        return LongTermIntegrity.Verify(in request, key)
            ? CredentialCheck.Accept(username, key, algorithm)
            : CredentialCheck.Reject(CredentialRejection.BadIntegrity, username);
    }
}
