using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cluster.Edges.Web;

/// <summary>
/// TURN REST API credentials computed with a shared secret (draft-uberti-behave-turn-rest-00 §2.2): username
/// "expiry:user" with expiry in Unix seconds, password base64(HMAC-SHA1(secret, username)). coturn accepts them
/// with <c>use-auth-secret</c> and <c>static-auth-secret</c> set to the same secret.
/// </summary>
public sealed class HmacTurnCredentialIssuer : ITurnCredentialIssuer
{
    private readonly byte[] secret;
    private readonly TimeSpan ttl;
    private readonly IReadOnlyList<string> uris;
    private readonly TimeProvider time;

    /// <param name="secret">Shared secret, as configured on the TURN server.</param>
    /// <param name="ttl">Credential lifetime (whole seconds).</param>
    /// <param name="uris">URIs handed to clients, e.g. "turn:turn.example.com:3478?transport=udp".</param>
    /// <param name="timeProvider">Clock for the expiry.</param>
    public HmacTurnCredentialIssuer(string secret, TimeSpan ttl, IReadOnlyList<string> uris, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (ttl < TimeSpan.FromSeconds(1))
            throw new ArgumentException($"TURN credential ttl must be at least 1 s, got {ttl}");
        foreach (var uri in uris)
            if (!uri.StartsWith("turn:", StringComparison.Ordinal) && !uri.StartsWith("turns:", StringComparison.Ordinal)
                && !uri.StartsWith("stun:", StringComparison.Ordinal) && !uri.StartsWith("stuns:", StringComparison.Ordinal))
                throw new ArgumentException($"'{uri}' is not a stun:, stuns:, turn: or turns: URI (RFC 7064, RFC 7065)");
        this.secret = Encoding.UTF8.GetBytes(secret);
        this.ttl = TimeSpan.FromSeconds(Math.Floor(ttl.TotalSeconds));
        this.uris = uris.ToArray();
        time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public TurnCredentials Issue(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (userId.Contains(':'))
            throw new ArgumentException($"user id '{userId}' contains ':' which the TURN username format reserves");
        var expiry = (time.GetUtcNow() + ttl).ToUnixTimeSeconds();
        var username = string.Create(CultureInfo.InvariantCulture, $"{expiry}:{userId}");
        var password = Convert.ToBase64String(HMACSHA1.HashData(secret, Encoding.UTF8.GetBytes(username)));
        return new TurnCredentials(username, password, ttl, uris);
    }
}
