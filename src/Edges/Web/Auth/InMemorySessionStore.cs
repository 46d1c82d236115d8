using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Cluster.Edges.Web;

/// <summary>
/// Node-local token store: tokens are valid only on the node that issued them (clients reconnect to the same node
/// through the load balancer's affinity, or log in again). Tokens are 256 random bits; only SHA-256 of a token is
/// kept, and lookups go by that hash, so neither a memory dump nor lookup timing reveals a usable token.
/// </summary>
/// <remarks>
/// Expiry is sliding with an absolute cap: each successful validation moves <c>ExpiresAt</c> to now + TTL but
/// never past creation + maximum lifetime.
/// </remarks>
public sealed class InMemorySessionStore : ISessionStore
{
    private const int TokenBytes = 32;
    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> byHash = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> byId = new(StringComparer.Ordinal);
    private readonly TimeSpan ttl;
    private readonly TimeSpan maxLifetime;
    private readonly TimeProvider time;

    /// <param name="ttl">Sliding lifetime (uc.web.session-token-ttl).</param>
    /// <param name="maxLifetime">Absolute cap (uc.web.session-token-max-lifetime).</param>
    /// <param name="timeProvider">Clock; tests pass a manual one.</param>
    public InMemorySessionStore(TimeSpan ttl, TimeSpan maxLifetime, TimeProvider? timeProvider = null)
    {
        if (ttl <= TimeSpan.Zero || maxLifetime < ttl)
            throw new ArgumentException($"token ttl {ttl} must be positive and not above the maximum lifetime {maxLifetime}");
        this.ttl = ttl;
        this.maxLifetime = maxLifetime;
        time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public event Action<SessionRevocation>? Ended;

    /// <inheritdoc />
    public IssuedSession Create(AuthenticatedUser user, IPAddress? remoteAddress, string? userAgent)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));
        var tokenId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = time.GetUtcNow();
        var absolute = now + maxLifetime;
        var record = new SessionRecord(tokenId, user, now, now, Min(now + ttl, absolute), absolute, remoteAddress,
            userAgent is { Length: > 200 } ? userAgent[..200] : userAgent);
        var entry = new Entry(Hash(token), record);
        lock (gate)
        {
            byHash.Add(entry.Hash, entry);
            byId.Add(tokenId, entry);
        }
        return new IssuedSession(token, record);
    }

    /// <inheritdoc />
    public bool TryValidate(string token, out SessionRecord record)
    {
        record = null!;
        if (string.IsNullOrEmpty(token) || token.Length > 256)
            return false;
        var hash = Hash(token);
        var now = time.GetUtcNow();
        Entry? expired = null;
        lock (gate)
        {
            if (!byHash.TryGetValue(hash, out var entry))
                return false;
            if (entry.Record.ExpiresAt <= now)
            {
                RemoveLocked(entry);
                expired = entry;
            }
            else
            {
                entry.Record = entry.Record with { LastUsedAt = now, ExpiresAt = Min(now + ttl, entry.Record.AbsoluteExpiresAt) };
                record = entry.Record;
                return true;
            }
        }
        Raise(expired, SessionEndReason.Expired);
        return false;
    }

    /// <inheritdoc />
    public IReadOnlyList<SessionRecord> List()
    {
        var now = time.GetUtcNow();
        lock (gate)
            return byId.Values.Select(e => e.Record).Where(r => r.ExpiresAt > now).OrderBy(r => r.CreatedAt).ToArray();
    }

    /// <inheritdoc />
    public bool Revoke(string tokenId, SessionEndReason reason = SessionEndReason.Revoked)
    {
        Entry? entry;
        lock (gate)
        {
            if (!byId.TryGetValue(tokenId, out entry))
                return false;
            RemoveLocked(entry);
        }
        Raise(entry, reason);
        return true;
    }

    /// <inheritdoc />
    public int RevokeAll(string userId)
    {
        Entry[] removed;
        lock (gate)
        {
            removed = byId.Values.Where(e => string.Equals(e.Record.User.UserId, userId, StringComparison.Ordinal)).ToArray();
            foreach (var entry in removed)
                RemoveLocked(entry);
        }
        foreach (var entry in removed)
            Raise(entry, SessionEndReason.Revoked);
        return removed.Length;
    }

    /// <inheritdoc />
    public bool RevokeToken(string token, SessionEndReason reason = SessionEndReason.LoggedOut)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 256)
            return false;
        var hash = Hash(token);
        Entry? entry;
        lock (gate)
        {
            if (!byHash.TryGetValue(hash, out entry))
                return false;
            RemoveLocked(entry);
        }
        Raise(entry, reason);
        return true;
    }

    /// <inheritdoc />
    public int RemoveExpired()
    {
        var now = time.GetUtcNow();
        Entry[] removed;
        lock (gate)
        {
            removed = byId.Values.Where(e => e.Record.ExpiresAt <= now).ToArray();
            foreach (var entry in removed)
                RemoveLocked(entry);
        }
        foreach (var entry in removed)
            Raise(entry, SessionEndReason.Expired);
        return removed.Length;
    }

    /// <summary>SHA-256 of the token's UTF-8 bytes, as lower-case hex: the only form in which tokens are stored.</summary>
    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private void RemoveLocked(Entry entry)
    {
        byHash.Remove(entry.Hash);
        byId.Remove(entry.Record.TokenId);
    }

    private void Raise(Entry? entry, SessionEndReason reason)
    {
        if (entry is not null)
            Ended?.Invoke(new SessionRevocation(entry.Record.TokenId, entry.Record.User.UserId, reason));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class Entry(string hash, SessionRecord record)
    {
        public string Hash { get; } = hash;

        public SessionRecord Record { get; set; } = record;
    }
}
