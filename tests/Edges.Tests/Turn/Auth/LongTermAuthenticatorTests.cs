using System.Net;
using Cluster.Edges.Turn.Auth;
using Cluster.Edges.Turn.Stun;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Turn.Auth;

public sealed class LongTermAuthenticatorTests
{
    private const string Realm = "uc.local";
    private static readonly IPAddress Client = IPAddress.Parse("203.0.113.9");
    private static readonly byte[] NonceKey = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();
    private static readonly byte[] TransactionId = Hex.Bytes("a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab");

    private readonly ManualTimeProvider clock = new(DateTimeOffset.FromUnixTimeSeconds(1_699_990_000));
    private readonly StatelessNonceService nonces;
    private readonly LongTermAuthenticator authenticator;

    public LongTermAuthenticatorTests()
    {
        nonces = new StatelessNonceService(NonceKey, TimeSpan.FromMinutes(10), clock, NonceSecurityFeatures.PasswordAlgorithms);
        var validator = new RestApiCredentialValidator(["north-wind", "south-wind"], Realm, clock);
        authenticator = new LongTermAuthenticator(Realm, nonces, validator, [StunPasswordAlgorithm.Sha256, StunPasswordAlgorithm.Md5]);
    }

    private sealed record Request(string? Username = "1700000000:alice", string? Password = null, string RequestRealm = Realm, string? Nonce = null,
        bool Integrity = true, StunPasswordAlgorithm? Algorithm = null, StunPasswordAlgorithm[]? OfferedEcho = null, string Secret = "north-wind");

    private byte[] Build(Request r)
    {
        var buffer = new byte[512];
        var writer = new StunMessageWriter(buffer, StunMethod.Allocate, StunClass.Request, TransactionId);
        writer.AddRequestedTransport(17);
        if (r.Username is not null)
        {
            writer.AddText(StunAttributeType.Username, r.Username);
        }

        writer.AddText(StunAttributeType.Realm, r.RequestRealm);
        writer.AddText(StunAttributeType.Nonce, r.Nonce ?? nonces.Issue(Client));
        if (r.OfferedEcho is not null)
        {
            writer.AddPasswordAlgorithms(r.OfferedEcho);
        }

        if (r.Algorithm is { } algorithm)
        {
            writer.AddPasswordAlgorithm(algorithm);
        }

        if (r.Integrity)
        {
            var username = r.Username ?? "";
            var password = r.Password ?? TurnRestSecret.Password(r.Secret, username);
            var key = LongTermKey.Compute(username, r.RequestRealm, password, r.Algorithm ?? StunPasswordAlgorithm.Md5);
            if (r.Algorithm == StunPasswordAlgorithm.Sha256)
            {
                writer.AddMessageIntegritySha256(key);
            }
            else
            {
                writer.AddMessageIntegrity(key);
            }
        }

        writer.AddFingerprint();
        return writer.Written.ToArray();
    }

    private AuthenticationResult Authenticate(byte[] bytes)
    {
        Assert.True(StunMessage.TryParse(bytes, out var message, out var error), error.ToString());
        return authenticator.Authenticate(in message, Client);
    }

    [Fact]
    public void Request_without_integrity_is_challenged_with_realm_nonce_and_algorithms()
    {
        var result = Authenticate(Build(new Request(Integrity: false)));
        Assert.Equal((AuthenticationOutcome.Unauthorized, 401), (result.Outcome, result.ErrorCode));

        var buffer = new byte[512];
        var response = new StunMessageWriter(buffer, StunMethod.Allocate, StunClass.ErrorResponse, TransactionId);
        authenticator.WriteChallenge(ref response, in result, Client);
        Assert.True(StunMessage.TryParse(response.Written, out var challenge));
        Assert.True(challenge.TryGetAttribute(StunAttributeType.Realm, out var realm));
        Assert.Equal(Realm, System.Text.Encoding.UTF8.GetString(realm));
        Assert.True(challenge.TryGetAttribute(StunAttributeType.Nonce, out var nonce));
        Assert.Equal(NonceCheck.Valid, nonces.Check(nonce, Client));
        Assert.True(challenge.HasAttribute(StunAttributeType.PasswordAlgorithms));
    }

    [Fact]
    public void Valid_rest_credentials_are_accepted_and_return_the_signing_key()
    {
        var result = Authenticate(Build(new Request()));
        Assert.True(result.IsAccepted, result.Reason);
        Assert.Equal("1700000000:alice", result.Username);
        Assert.Equal("b97b0beaa8dc96f3bda8fc5c6bb515ae", Convert.ToHexStringLower(result.Key!));
    }

    [Fact]
    public void Credentials_signed_with_the_previous_secret_are_accepted_during_rotation()
    {
        Assert.True(Authenticate(Build(new Request(Secret: "south-wind"))).IsAccepted);
    }

    [Fact]
    public void Credentials_from_an_unknown_secret_are_refused_as_bad_integrity()
    {
        var result = Authenticate(Build(new Request(Secret: "east-wind")));
        Assert.Equal((AuthenticationOutcome.Unauthorized, CredentialRejection.BadIntegrity), (result.Outcome, result.Rejection));
    }

    [Fact]
    public void Expired_credentials_are_refused_with_the_reason_expired()
    {
        clock.Advance(TimeSpan.FromSeconds(10_001)); // now 1700000001 > expiry 1700000000
        var result = Authenticate(Build(new Request()));
        Assert.Equal((AuthenticationOutcome.Unauthorized, CredentialRejection.Expired), (result.Outcome, result.Rejection));
    }

    [Fact]
    public void Wrong_realm_and_malformed_username_are_told_apart()
    {
        Assert.Equal(CredentialRejection.WrongRealm, Authenticate(Build(new Request(RequestRealm: "other.realm"))).Rejection);
        Assert.Equal(CredentialRejection.MalformedUsername, Authenticate(Build(new Request(Username: "alice"))).Rejection);
    }

    [Fact]
    public void Stale_nonce_is_answered_438_before_any_credential_work()
    {
        var nonce = nonces.Issue(Client);
        clock.Advance(TimeSpan.FromMinutes(11));
        var result = Authenticate(Build(new Request(Nonce: nonce, Secret: "not-even-checked")));
        Assert.Equal((AuthenticationOutcome.StaleNonce, 438), (result.Outcome, result.ErrorCode));
    }

    [Fact]
    public void Forged_nonce_is_answered_438_with_a_fresh_nonce()
    {
        var result = Authenticate(Build(new Request(Nonce: "obMatJos2gAAAforgedforgedforgedforgedforge")));
        Assert.Equal(AuthenticationOutcome.StaleNonce, result.Outcome);
    }

    [Fact]
    public void Integrity_without_username_is_a_bad_request()
    {
        var result = Authenticate(Build(new Request(Username: null)));
        Assert.Equal((AuthenticationOutcome.BadRequest, 400), (result.Outcome, result.ErrorCode));
    }

    [Fact]
    public void Sha256_selected_with_the_offered_list_echoed_is_accepted_with_a_sha256_key()
    {
        var result = Authenticate(Build(new Request(Algorithm: StunPasswordAlgorithm.Sha256, OfferedEcho: [StunPasswordAlgorithm.Sha256, StunPasswordAlgorithm.Md5])));
        Assert.True(result.IsAccepted, result.Reason);
        Assert.Equal(StunPasswordAlgorithm.Sha256, result.Algorithm);
        Assert.Equal(32, result.Key!.Length);
    }

    [Fact]
    public void Altered_password_algorithms_list_is_a_bid_down_and_gets_400()
    {
        var result = Authenticate(Build(new Request(Algorithm: StunPasswordAlgorithm.Md5, OfferedEcho: [StunPasswordAlgorithm.Md5])));
        Assert.Equal(AuthenticationOutcome.BadRequest, result.Outcome);
        var missingList = Authenticate(Build(new Request(Algorithm: StunPasswordAlgorithm.Md5)));
        Assert.Equal(AuthenticationOutcome.BadRequest, missingList.Outcome);
    }

    [Fact]
    public void Static_users_are_found_by_username_or_userhash_and_unknown_users_named()
    {
        var validator = new StaticUserCredentialValidator(new Dictionary<string, string> { ["bob"] = "pw" }, Realm);
        var buffer = new byte[256];
        var writer = new StunMessageWriter(buffer, StunMethod.Allocate, StunClass.Request, TransactionId);
        writer.AddUserHash(LongTermKey.UserHash("bob", Realm));
        writer.AddText(StunAttributeType.Realm, Realm);
        writer.AddMessageIntegrity(LongTermKey.Compute("bob", Realm, "pw"));
        Assert.True(StunMessage.TryParse(writer.Written, out var byHash));
        var check = validator.Validate(in byHash, StunPasswordAlgorithm.Md5);
        Assert.True(check.IsValid, check.Rejection.ToString());
        Assert.Equal("bob", check.Username);

        var unknown = Build(new Request(Username: "carol", Password: "pw"));
        Assert.True(StunMessage.TryParse(unknown, out var carol));
        Assert.Equal(CredentialRejection.UnknownUser, validator.Validate(in carol, StunPasswordAlgorithm.Md5).Rejection);
    }
}
