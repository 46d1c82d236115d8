using System.Collections.Concurrent;
using System.Net;

namespace Cluster.Edges.Web;

/// <summary>
/// Slows down password guessing: fixed-window rate limits per source address and per username, and a lockout of a
/// username after consecutive failures. The lockout applies to unknown usernames too, so it reveals nothing about
/// which accounts exist, and a locked username is refused before the password is looked at, so the answer is the
/// same whether the password was right or not.
/// </summary>
/// <remarks>State is node-local and in memory; entries disappear once their window or lockout is over.</remarks>
public sealed class LoginThrottle
{
    private const int SweepAbove = 100_000;
    private readonly WebSettings settings;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, Counter> addresses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter> users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Failures> failures = new(StringComparer.Ordinal);

    public LoginThrottle(WebSettings settings, TimeProvider? timeProvider = null)
    {
        this.settings = settings.Validate();
        time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The case-insensitive key a username is throttled under.</summary>
    public static string NormalizeUser(string username) => username.Trim().ToLowerInvariant();

    /// <summary>
    /// Counts one attempt and says whether it may proceed. Checks lockout first, then the address window, then the
    /// username window; a refused attempt does not count against the later limits.
    /// </summary>
    public LoginAdmission Admit(IPAddress? address, string username)
    {
        var now = time.GetUtcNow();
        var user = NormalizeUser(username);
        if (failures.TryGetValue(user, out var state))
        {
            lock (state)
                if (state.LockedUntil is { } until && until > now)
                    return new LoginAdmission(LoginRefusal.Locked, until - now);
        }

        var addressKey = address?.ToString() ?? "unknown";
        if (!Take(addresses, addressKey, settings.LoginRateLimitPerAddress, now, out var wait))
            return new LoginAdmission(LoginRefusal.AddressRate, wait);
        if (!Take(users, user, settings.LoginRateLimitPerUser, now, out wait))
            return new LoginAdmission(LoginRefusal.UserRate, wait);
        if (addresses.Count + users.Count + failures.Count > SweepAbove)
            Sweep();
        return LoginAdmission.Allowed;
    }

    /// <summary>Records a wrong password; returns true when this failure locked the username.</summary>
    public bool RecordFailure(string username)
    {
        if (settings.LockoutThreshold == 0)
            return false;
        var now = time.GetUtcNow();
        var state = failures.GetOrAdd(NormalizeUser(username), _ => new Failures());
        lock (state)
        {
            if (state.LockedUntil is { } until && until <= now)
            {
                state.LockedUntil = null; // lock ran out: the count starts again
                state.Consecutive = 0;
            }
            state.Consecutive++;
            state.LastFailure = now;
            if (state.Consecutive < settings.LockoutThreshold)
                return false;
            state.LockedUntil = now + settings.LockoutDuration;
            state.Consecutive = 0;
            return true;
        }
    }

    /// <summary>Records a successful login: the consecutive-failure count starts again.</summary>
    public void RecordSuccess(string username) => failures.TryRemove(NormalizeUser(username), out _);

    /// <summary>Lifts a lockout early (operator action); returns false when the username was not locked.</summary>
    public bool Unlock(string username)
    {
        if (!failures.TryRemove(NormalizeUser(username), out var state))
            return false;
        lock (state)
            return state.LockedUntil is { } until && until > time.GetUtcNow();
    }

    /// <summary>Currently locked usernames (normalized) with the end of their lockout, for the operator.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Locked()
    {
        var now = time.GetUtcNow();
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (user, state) in failures)
            lock (state)
                if (state.LockedUntil is { } until && until > now)
                    result[user] = until;
        return result;
    }

    /// <summary>Forgets windows and failure counts that no longer matter. Called periodically by the edge.</summary>
    public void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (key, counter) in addresses)
            if (counter.WindowEnd(settings.LoginRateWindow) <= now)
                addresses.TryRemove(key, out _);
        foreach (var (key, counter) in users)
            if (counter.WindowEnd(settings.LoginRateWindow) <= now)
                users.TryRemove(key, out _);
        foreach (var (key, state) in failures)
            lock (state)
                if ((state.LockedUntil is null || state.LockedUntil <= now) && state.LastFailure + settings.LockoutDuration <= now)
                    failures.TryRemove(key, out _);
    }

    private bool Take(ConcurrentDictionary<string, Counter> table, string key, int limit, DateTimeOffset now, out TimeSpan wait)
    {
        var counter = table.GetOrAdd(key, _ => new Counter { Start = now });
        lock (counter)
        {
            if (counter.WindowEnd(settings.LoginRateWindow) <= now)
            {
                counter.Start = now;
                counter.Count = 0;
            }
            if (counter.Count >= limit)
            {
                wait = counter.WindowEnd(settings.LoginRateWindow) - now;
                return false;
            }
            counter.Count++;
            wait = TimeSpan.Zero;
            return true;
        }
    }

    private sealed class Counter
    {
        public DateTimeOffset Start { get; set; }

        public int Count { get; set; }

        public DateTimeOffset WindowEnd(TimeSpan window) => Start + window;
    }

    private sealed class Failures
    {
        public int Consecutive { get; set; }

        public DateTimeOffset LastFailure { get; set; }

        public DateTimeOffset? LockedUntil { get; set; }
    }
}
