using System.Buffers.Binary;
using System.Net;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Auth;

/// <summary>
/// The server side of the long-term credential mechanism (RFC 8489 §9.2.4), in the RFC's order: integrity present,
/// credential attributes present, nonce fresh, password algorithm not bid down, then credentials. The cheap,
/// stateless checks come first so forged traffic costs one HMAC at most and creates no state.
/// </summary>
public sealed class LongTermAuthenticator
{
    private readonly string realm;
    private readonly StatelessNonceService nonces;
    private readonly ILongTermCredentialValidator validator;
    private readonly StunPasswordAlgorithm[] algorithms;

    /// <remarks><c>algorithms</c>: PASSWORD-ALGORITHMS offered, most preferred first (RFC 8489 §14.11).</remarks>
    public LongTermAuthenticator(string realm, StatelessNonceService nonces, ILongTermCredentialValidator validator, IReadOnlyList<StunPasswordAlgorithm> algorithms)
    {
        if (string.IsNullOrEmpty(realm))
        {
            throw new ArgumentException("The TURN realm is empty (uc.turn.realm).", nameof(realm));
        }

        if (algorithms.Count == 0)
        {
            throw new ArgumentException("Offer at least one password algorithm (uc.turn.auth.password-algorithms).", nameof(algorithms));
        }

        this.realm = realm;
        this.nonces = nonces;
        this.validator = validator;
        this.algorithms = algorithms.ToArray();
    }

    public string Realm => realm;

    public AuthenticationResult Authenticate(in StunMessage request, IPAddress client)
    {
        if (!request.HasMessageIntegrity && !request.HasMessageIntegritySha256)
        {
            return new(AuthenticationOutcome.Unauthorized, CredentialRejection.None, "no MESSAGE-INTEGRITY (first request of a challenge)");
        }

        var hasUser = request.HasAttribute(StunAttributeType.Username) || request.HasAttribute(StunAttributeType.UserHash);
        if (!hasUser || !request.HasAttribute(StunAttributeType.Realm) || !request.TryGetAttribute(StunAttributeType.Nonce, out var nonce))
        {
            return new(AuthenticationOutcome.BadRequest, CredentialRejection.None, "MESSAGE-INTEGRITY without USERNAME/USERHASH, REALM and NONCE");
        }

        var nonceCheck = nonces.Check(nonce, client, out var features);
        if (nonceCheck != NonceCheck.Valid)
        {
            return new(AuthenticationOutcome.StaleNonce, CredentialRejection.None, nonceCheck == NonceCheck.Stale ? "nonce expired" : "nonce not issued by this server for this address");
        }

        if (!TrySelectAlgorithm(in request, features, out var algorithm, out var problem))
        {
            return new(AuthenticationOutcome.BadRequest, CredentialRejection.None, problem);
        }

        var check = validator.Validate(in request, algorithm);
        if (!check.IsValid)
        {
            return new(AuthenticationOutcome.Unauthorized, check.Rejection, Describe(check.Rejection), check.Username);
        }

        return new(AuthenticationOutcome.Accepted, CredentialRejection.None, "accepted", check.Username, check.Key, algorithm);
    }

    /// <summary>
    /// Adds what a 401 or 438 response carries: ERROR-CODE, REALM, a fresh NONCE and, when the nonce announces it,
    /// PASSWORD-ALGORITHMS (RFC 8489 §9.2.4). A 400 gets the ERROR-CODE only.
    /// </summary>
    public void WriteChallenge(ref StunMessageWriter response, in AuthenticationResult result, IPAddress client)
    {
        response.AddErrorCode(result.ErrorCode);
        if (result.Outcome is not (AuthenticationOutcome.Unauthorized or AuthenticationOutcome.StaleNonce))
        {
            return;
        }

        response.AddText(StunAttributeType.Realm, realm);
        response.AddText(StunAttributeType.Nonce, nonces.Issue(client));
        if (AnnouncesAlgorithms(nonces.AnnouncedFeatures))
        {
            response.AddPasswordAlgorithms(algorithms);
        }
    }

    private static bool AnnouncesAlgorithms(NonceSecurityFeatures? features) =>
        features is { } f && (f & NonceSecurityFeatures.PasswordAlgorithms) != 0;

    /// <summary>
    /// RFC 8489 §9.2.4: with the password-algorithms feature announced, a request either carries neither
    /// PASSWORD-ALGORITHMS nor PASSWORD-ALGORITHM (MD5 is used) or both, the list identical to ours and the chosen
    /// algorithm in it; anything else is a bid-down attempt and gets 400.
    /// </summary>
    private bool TrySelectAlgorithm(in StunMessage request, NonceSecurityFeatures? features, out StunPasswordAlgorithm algorithm, out string problem)
    {
        algorithm = StunPasswordAlgorithm.Md5;
        problem = string.Empty;
        var hasList = request.TryGetAttribute(StunAttributeType.PasswordAlgorithms, out var list);
        var hasChoice = request.TryGetAttribute(StunAttributeType.PasswordAlgorithm, out var choice);
        if (!AnnouncesAlgorithms(features))
        {
            if (hasChoice)
            {
                problem = "PASSWORD-ALGORITHM without a nonce that offered it";
                return false;
            }

            return true;
        }

        if (!hasList && !hasChoice)
        {
            return true;
        }

        if (!hasList || !hasChoice)
        {
            problem = "PASSWORD-ALGORITHMS and PASSWORD-ALGORITHM must come together";
            return false;
        }

        if (!ListMatchesOffer(list))
        {
            problem = "PASSWORD-ALGORITHMS differs from the list offered (bid-down)";
            return false;
        }

        if (!StunAttributeDecoder.TryReadPasswordAlgorithm(choice, out var chosen, out _)
            || Array.IndexOf(algorithms, (StunPasswordAlgorithm)chosen) < 0)
        {
            problem = "PASSWORD-ALGORITHM is not one of those offered";
            return false;
        }

        algorithm = (StunPasswordAlgorithm)chosen;
        return true;
    }

    private bool ListMatchesOffer(ReadOnlySpan<byte> list)
    {
        if (list.Length != 4 * algorithms.Length)
        {
            return false;
        }

        for (var i = 0; i < algorithms.Length; i++)
        {
            if (BinaryPrimitives.ReadUInt16BigEndian(list[(4 * i)..]) != (ushort)algorithms[i]
                || BinaryPrimitives.ReadUInt16BigEndian(list[(4 * i + 2)..]) != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(CredentialRejection rejection) => rejection switch
    {
        CredentialRejection.MissingUsername => "no usable USERNAME",
        CredentialRejection.MalformedUsername => "username is not expiry:user",
        CredentialRejection.Expired => "credentials expired",
        CredentialRejection.WrongRealm => "wrong realm",
        CredentialRejection.UnknownUser => "unknown user",
        CredentialRejection.BadIntegrity => "bad MESSAGE-INTEGRITY (wrong password or secret)",
        _ => rejection.ToString(),
    };
}
