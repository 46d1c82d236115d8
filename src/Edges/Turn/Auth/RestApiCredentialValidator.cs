using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Auth;

/// <summary>
/// Accepts TURN REST credentials (coturn <c>use-auth-secret</c>): username <c>expiry:user</c>, password
/// base64(HMAC-SHA1(secret, username)), long-term key from that password. Up to several secrets are tried in order
/// so a secret can be rotated without cutting off credentials issued just before the switch: put the new secret
/// first (it signs new credentials) and keep the old one until the longest TTL has passed.
/// </summary>
public sealed class RestApiCredentialValidator : ILongTermCredentialValidator
{
    private readonly string[] secrets;
    private readonly string realm;
    private readonly TimeProvider clock;
    private readonly char separator;

    public RestApiCredentialValidator(IReadOnlyList<string> secrets, string realm, TimeProvider clock, char separator = TurnRestSecret.DefaultSeparator)
    {
        if (secrets.Count == 0 || secrets.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("At least one non-empty TURN REST secret is needed (uc.turn.auth.secrets).", nameof(secrets));
        }

        if (string.IsNullOrEmpty(realm))
        {
            throw new ArgumentException("The TURN realm is empty (uc.turn.realm).", nameof(realm));
        }

        this.secrets = secrets.ToArray();
        this.realm = realm;
        this.clock = clock;
        this.separator = separator;
    }

    public CredentialCheck Validate(in StunMessage request, StunPasswordAlgorithm algorithm)
    {
        if (!LongTermIntegrity.TryGetUsername(in request, out var username))
        {
            // USERHASH cannot be mapped back to "expiry:user" without state, so it is an unknown user here.
            return CredentialCheck.Reject(request.HasAttribute(StunAttributeType.UserHash)
                ? CredentialRejection.UnknownUser
                : CredentialRejection.MissingUsername);
        }

        if (!LongTermIntegrity.RealmMatches(in request, realm))
        {
            return CredentialCheck.Reject(CredentialRejection.WrongRealm, username);
        }

        if (!TurnRestSecret.TryParseExpiry(username, out var expiry, separator))
        {
            return CredentialCheck.Reject(CredentialRejection.MalformedUsername, username);
        }

        if (expiry < clock.GetUtcNow().ToUnixTimeSeconds())
        {
            return CredentialCheck.Reject(CredentialRejection.Expired, username);
        }

        foreach (var secret in secrets)
        {
            var key = LongTermKey.Compute(username, realm, TurnRestSecret.Password(secret, username), algorithm);
            if (LongTermIntegrity.Verify(in request, key))
            {
                return CredentialCheck.Accept(username, key, algorithm);
            }
        }

        return CredentialCheck.Reject(CredentialRejection.BadIntegrity, username);
    }
}
