namespace Cluster.Edges.Turn.Auth;

/// <summary>
/// Issues TURN REST credentials for the web API: the web tier and every TURN node share a secret, so a node can
/// accept the credentials without any per-user state or database lookup.
/// </summary>
public sealed class TurnRestCredentialGenerator
{
    private readonly string secret;
    private readonly TimeSpan ttl;
    private readonly IReadOnlyList<string> uris;
    private readonly TimeProvider clock;
    private readonly char separator;

    /// <remarks><c>secret</c> must be the current signing secret (the first of the validator's list).</remarks>
    public TurnRestCredentialGenerator(string secret, TimeSpan ttl, IReadOnlyList<string> uris, TimeProvider clock, char separator = TurnRestSecret.DefaultSeparator)
    {
        if (string.IsNullOrEmpty(secret))
        {
            throw new ArgumentException("The TURN REST shared secret is empty; set uc.turn.auth.secrets.", nameof(secret));
        }

        if (ttl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "The credential lifetime must be positive.");
        }

        this.secret = secret;
        this.ttl = ttl;
        this.uris = uris;
        this.clock = clock;
        this.separator = separator;
    }

    /// <summary>Credentials for <paramref name="user"/> valid from now for the configured TTL.</summary>
    public TurnRestCredentials Generate(string user)
    {
        if (user.Contains(separator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A TURN REST user id may not contain the separator '{separator}'.", nameof(user));
        }

        var ttlSeconds = (long)Math.Ceiling(ttl.TotalSeconds);
        var expiry = clock.GetUtcNow().ToUnixTimeSeconds() + ttlSeconds;
        var username = string.Concat(expiry.ToString(System.Globalization.CultureInfo.InvariantCulture), separator.ToString(), user);
        return new TurnRestCredentials(username, TurnRestSecret.Password(secret, username), ttlSeconds, uris);
    }
}
