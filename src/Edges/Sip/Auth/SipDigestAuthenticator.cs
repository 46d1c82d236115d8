using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cluster.Edges.Sip.Auth;

/// <summary>
/// Server side of SIP Digest (RFC 3261 §22.4, RFC 7616, RFC 8760): builds challenges offering SHA-256 then MD5 with
/// qop=auth, and verifies credentials against a stored HA1 (never a password). Nonces are stateless: a timestamp
/// and random bytes signed with an HMAC, so any node holding the key can check them and an expired one is detected
/// without a table; only the nonce counts live in a bounded LRU for replay protection. Comparisons of secrets are
/// constant-time. Thread-safe.
/// </summary>
public sealed class SipDigestAuthenticator
{
    private const int TimestampLength = 8, RandomLength = 8, MacLength = 16;
    private readonly byte[] key;
    private readonly TimeProvider time;
    private readonly SipNonceCountTracker counts;
    private readonly string opaque;

    public SipDigestAuthenticator(SipDigestSettings settings, TimeProvider? time = null)
    {
        Settings = settings.Validate();
        this.time = time ?? TimeProvider.System;
        key = settings.NonceKey is { } k ? Convert.FromBase64String(k) : RandomNumberGenerator.GetBytes(32);
        counts = new SipNonceCountTracker(settings.NonceCacheSize);
        // opaque (RFC 7616 §3.3) is constant per realm and key; clients echo it and it is checked as a sanity test.
        opaque = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("opaque:" + settings.Realm))[..8]);
    }

    public SipDigestSettings Settings { get; }

    /// <summary>Nonces whose count is tracked now.</summary>
    public int TrackedNonces => counts.Count;

    /// <summary>A fresh nonce: base64url(timestamp ‖ random ‖ HMAC(realm, timestamp ‖ random)).</summary>
    public string IssueNonce()
    {
        Span<byte> buffer = stackalloc byte[TimestampLength + RandomLength + MacLength];
        BinaryPrimitives.WriteInt64BigEndian(buffer, time.GetUtcNow().ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(buffer.Slice(TimestampLength, RandomLength));
        Sign(buffer[..(TimestampLength + RandomLength)], buffer[(TimestampLength + RandomLength)..]);
        return Base64Url.EncodeToString(buffer);
    }

    /// <summary>
    /// The <c>WWW-Authenticate</c> (or <c>Proxy-Authenticate</c>) values for a 401/407: SHA-256 first, then MD5
    /// (RFC 8760 §2.4: one header per algorithm, most preferred first), sharing one nonce.
    /// </summary>
    public IReadOnlyList<string> CreateChallenges(bool stale = false)
    {
        var nonce = IssueNonce();
        return [Challenge(SipDigestAlgorithm.Sha256, nonce, stale), Challenge(SipDigestAlgorithm.Md5, nonce, stale)];
    }

    private string Challenge(SipDigestAlgorithm algorithm, string nonce, bool stale) =>
        $"Digest realm=\"{Settings.Realm}\", nonce=\"{nonce}\", opaque=\"{opaque}\", algorithm={algorithm.Token()}, qop=\"auth\"{(stale ? ", stale=true" : "")}";

    /// <summary>
    /// Checks <paramref name="credentials"/> for a request with <paramref name="method"/>, given the user's HA1 for
    /// the algorithm the client chose (<see cref="SipDigest.ComputeHa1"/>). The caller also checks that the digest
    /// <c>uri</c> matches the Request-URI and that the user exists.
    /// </summary>
    public SipDigestResult Verify(SipDigestCredentials credentials, string method, string ha1)
    {
        if (!SipDigest.TryParse(credentials.Algorithm, out var algorithm)) return SipDigestResult.Malformed;
        if (!string.Equals(credentials.Realm, Settings.Realm, StringComparison.Ordinal)) return SipDigestResult.Malformed;
        if (!string.Equals(credentials.Qop, "auth", StringComparison.OrdinalIgnoreCase)) return SipDigestResult.Malformed; // qop=auth is required
        if (credentials.CNonce is not { Length: > 0 } cnonce) return SipDigestResult.Malformed;
        if (credentials.NonceCount is not { Length: 8 } ncText
            || !uint.TryParse(ncText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var nc) || nc == 0)
            return SipDigestResult.Malformed;
        if (credentials.Opaque is { } echoed && !string.Equals(echoed, opaque, StringComparison.Ordinal)) return SipDigestResult.InvalidNonce;

        var nonce = credentials.Nonce!;
        if (!TryReadNonce(nonce, out var issuedAt)) return SipDigestResult.InvalidNonce;

        var expected = SipDigest.ComputeResponse(algorithm, ha1, nonce, ncText, cnonce, "auth", method, credentials.Uri!);
        if (!FixedTimeEqualsHex(expected, credentials.Response!)) return SipDigestResult.WrongResponse;

        // Only a correct response earns stale=true (RFC 7616 §3.3): the client knows the password, the nonce is old.
        if (time.GetUtcNow() - issuedAt > Settings.NonceLifetime) return SipDigestResult.Stale;
        return counts.Check(nonce, nc) switch
        {
            SipNonceCountTracker.Outcome.Accepted => SipDigestResult.Valid,
            SipNonceCountTracker.Outcome.Replay => SipDigestResult.Replay,
            _ => SipDigestResult.Stale,
        };
    }

    private bool TryReadNonce(string nonce, out DateTimeOffset issuedAt)
    {
        issuedAt = default;
        if (nonce.Length != 43) return false; // 32 bytes in unpadded base64url
        foreach (var c in nonce)
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_') return false;
        Span<byte> buffer = stackalloc byte[TimestampLength + RandomLength + MacLength];
        int written;
        try
        {
            if (!Base64Url.TryDecodeFromChars(nonce, buffer, out written) || written != buffer.Length) return false;
        }
        catch (FormatException)
        {
            return false;
        }
        Span<byte> mac = stackalloc byte[MacLength];
        Sign(buffer[..(TimestampLength + RandomLength)], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, buffer[(TimestampLength + RandomLength)..])) return false;
        issuedAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(buffer));
        return true;
    }

    private void Sign(ReadOnlySpan<byte> data, Span<byte> mac)
    {
        var realm = Encoding.UTF8.GetBytes(Settings.Realm);
        var input = new byte[data.Length + realm.Length];
        data.CopyTo(input);
        realm.CopyTo(input, data.Length);
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(key, input, full);
        full[..MacLength].CopyTo(mac);
    }

    private static bool FixedTimeEqualsHex(string expected, string actual)
    {
        var a = Encoding.ASCII.GetBytes(expected);
        var b = Encoding.ASCII.GetBytes(actual.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(a, b); // length differences return false without early exit on content
    }
}
