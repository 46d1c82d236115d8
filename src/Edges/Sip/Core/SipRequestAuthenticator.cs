using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Cluster.Edges.Sip.Auth;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transactions;
using Serilog;
using DomainDigestAlgorithm = Cluster.Actors.Users.DigestAlgorithm;
using SipDigestCredentials = Cluster.Edges.Sip.Auth.SipDigestCredentials;

namespace Cluster.Edges.Sip.Core;

/// <summary>
/// Digest authentication of requests from users (RFC 3261 §22, RFC 7616, RFC 8760) against the HA1 their entity keeps.
/// Answers the transaction itself when the request is not authenticated:
/// <list type="bullet">
/// <item>no credentials for our realm, an unknown or forged nonce, a replayed nonce count → 401 with a fresh challenge;</item>
/// <item>a correct response on an expired nonce → 401 with <c>stale=true</c> (RFC 7616 §3.3);</item>
/// <item>a wrong response, an unknown or disabled user, or a user without SIP credentials → 403, all with the same
///   reason phrase, so a client cannot tell which users exist (see docs/protocols/sip-registrar.md).</item>
/// </list>
/// </summary>
public sealed class SipRequestAuthenticator
{
    private readonly SipDigestAuthenticator digest;
    private readonly IUserGateway users;
    private readonly ILogger log;
    private readonly IReadOnlyList<SipDigestAlgorithm> algorithms;

    /// <param name="digest">Nonces and response checks.</param>
    /// <param name="users">Where the HA1 values live.</param>
    /// <param name="log">Where refusals are logged.</param>
    /// <param name="algorithms">Algorithms challenged with, most preferred first; null = SHA-256 then MD5.</param>
    public SipRequestAuthenticator(SipDigestAuthenticator digest, IUserGateway users, ILogger log, IReadOnlyList<SipDigestAlgorithm>? algorithms = null)
    {
        this.algorithms = algorithms ?? [SipDigestAlgorithm.Sha256, SipDigestAlgorithm.Md5];
        this.digest = digest ?? throw new ArgumentNullException(nameof(digest));
        this.users = users ?? throw new ArgumentNullException(nameof(users));
        this.log = log ?? throw new ArgumentNullException(nameof(log));
    }

    /// <summary>The realm challenged in.</summary>
    public string Realm => digest.Settings.Realm;

    /// <summary>
    /// Authenticates the request of <paramref name="transaction"/> as a user of <paramref name="domain"/> (the digest
    /// username is the user part). Returns the user, or null after having answered 400/401/403.
    /// </summary>
    public async Task<UserAddress?> AuthenticateAsync(SipServerTransaction transaction, string domain, CancellationToken cancellationToken = default)
    {
        var request = transaction.Request;
        SipDigestCredentials? credentials = null;
        foreach (var header in request.Headers)
        {
            if (header.Kind != SipHeaderKind.Authorization) continue;
            if (!SipDigestCredentials.TryParse(header.Value, out var parsed, out var error))
            {
                transaction.Respond(400, $"Bad Request (malformed Authorization: {SipUserErrors.Sanitize(error ?? "unreadable")})");
                return null;
            }
            if (string.Equals(parsed!.Realm, Realm, StringComparison.Ordinal))
            {
                credentials = parsed;
                break;
            }
        }

        if (credentials is null)
        {
            Challenge(transaction, stale: false);
            return null;
        }

        // RFC 3261 §22.4: the digest uri must be the Request-URI (a response computed for another URI proves nothing here).
        var requestUri = System.Text.Encoding.UTF8.GetString(request.RawRequestUri.Span);
        if (!string.Equals(credentials.Uri, requestUri, StringComparison.Ordinal))
        {
            transaction.Respond(400, "Bad Request (Authorization uri does not match the Request-URI)");
            return null;
        }

        if (!SipDigest.TryParse(credentials.Algorithm, out var algorithm) || !algorithms.Contains(algorithm))
        {
            Challenge(transaction, stale: false);
            return null;
        }

        if (string.IsNullOrEmpty(credentials.Username)
            || !UserAddress.TryParse($"{credentials.Username}@{domain}", out var user, out _))
        {
            Forbid(transaction, $"username '{credentials.Username}' is not a user of {domain}");
            return null;
        }

        var reply = await users.QueryAsync(user, new GetDigestCredentials(Realm, algorithm == SipDigestAlgorithm.Sha256 ? DomainDigestAlgorithm.Sha256 : DomainDigestAlgorithm.Md5),
            cancellationToken).ConfigureAwait(false);
        if (reply is not DigestCredentialsReply stored)
        {
            Forbid(transaction, reply is CommandRejected r ? $"{user}: {r.Code} {r.Reason}" : $"{user}: unexpected reply {reply.GetType().Name}");
            return null;
        }

        switch (digest.Verify(credentials, request.MethodText, stored.Ha1))
        {
            case SipDigestResult.Valid:
                return user;
            case SipDigestResult.Stale:
                Challenge(transaction, stale: true);
                return null;
            case SipDigestResult.WrongResponse:
                Forbid(transaction, $"{user}: wrong digest response");
                return null;
            case var other:
                log.Debug("Digest for {User} refused ({Result}); challenging again", user, other);
                Challenge(transaction, stale: false);
                return null;
        }
    }

    private void Challenge(SipServerTransaction transaction, bool stale)
    {
        // One challenge per configured algorithm, in the configured order (RFC 8760 §2.4), all with the same nonce.
        var challenges = digest.CreateChallenges(stale);
        var ordered = algorithms
            .Select(a => challenges.FirstOrDefault(c => c.Contains($"algorithm={a.Token()},", StringComparison.Ordinal)))
            .OfType<string>()
            .ToList();
        transaction.Respond(401, "Unauthorized", b =>
        {
            foreach (var challenge in ordered) b.AddHeader("WWW-Authenticate", challenge);
        });
    }

    private void Forbid(SipServerTransaction transaction, string detail)
    {
        log.Information("SIP {Method} refused with 403: {Detail}", transaction.Request.MethodText, detail);
        transaction.Respond(403, "Forbidden");
    }
}
