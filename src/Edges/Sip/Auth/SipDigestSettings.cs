namespace Cluster.Edges.Sip.Auth;

/// <summary>Digest settings (<c>uc.sip.auth.*</c>).</summary>
public sealed record SipDigestSettings
{
    /// <summary>Realm put in challenges (<c>uc.sip.auth.realm</c>); usually the SIP domain.</summary>
    public string Realm { get; init; } = "localhost";

    /// <summary>How long a nonce is accepted before a stale re-challenge (<c>uc.sip.auth.nonce-lifetime</c>).</summary>
    public TimeSpan NonceLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Nonces whose highest nonce count is remembered, least recently used evicted (<c>uc.sip.auth.nonce-cache-size</c>).</summary>
    public int NonceCacheSize { get; init; } = 100_000;

    /// <summary>
    /// Base64 HMAC key (32+ bytes) for nonces (<c>uc.sip.auth.nonce-key</c>); all nodes of a cluster need the same key
    /// so a nonce issued by one is accepted by another. Null = random per process.
    /// </summary>
    public string? NonceKey { get; init; }

    public SipDigestSettings Validate()
    {
        if (string.IsNullOrWhiteSpace(Realm) || Realm.Contains('"')) throw new ArgumentException("uc.sip.auth.realm must be non-empty and contain no '\"'");
        if (NonceLifetime <= TimeSpan.Zero) throw new ArgumentException($"uc.sip.auth.nonce-lifetime must be positive (is {NonceLifetime})");
        if (NonceCacheSize < 1) throw new ArgumentException($"uc.sip.auth.nonce-cache-size must be at least 1 (is {NonceCacheSize})");
        if (NonceKey is { } key)
        {
            byte[] bytes;
            try { bytes = Convert.FromBase64String(key); }
            catch (FormatException) { throw new ArgumentException("uc.sip.auth.nonce-key is not valid base64"); }
            if (bytes.Length < 32) throw new ArgumentException($"uc.sip.auth.nonce-key must decode to at least 32 bytes (is {bytes.Length})");
        }
        return this;
    }
}
