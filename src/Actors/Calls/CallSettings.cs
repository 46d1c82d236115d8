using Cluster.Runtime.Hocon;

namespace Cluster.Actors.Calls;

/// <summary>
/// Policy of the call entity, read in one place from <c>uc.calls</c> (defaults in Calls/reference.conf) so a bad value
/// stops the node at start-up. Only the decider reads it; <see cref="CallState.Apply"/> never does, so changing a
/// setting never changes what a journal replays to.
/// </summary>
public sealed record CallSettings
{
    public const string ConfigPath = "uc.calls";

    /// <summary>RFC 4028 §4: Min-SE is never below 90 seconds.</summary>
    public const int RfcMinimumSessionExpires = 90;

    public static CallSettings Default { get; } = new();

    /// <summary>Lower-case local domains; empty = the called user's domain.</summary>
    public IReadOnlyList<string> LocalDomains { get; init; } = [];

    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan DefaultNoAnswer { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan PushWait { get; init; } = TimeSpan.FromSeconds(10);

    public int MaxForwardingHops { get; init; } = 5;

    public bool BusyWhenInCall { get; init; }

    /// <summary>Session interval in seconds; null = off.</summary>
    public int? SessionInterval { get; init; } = 1800;

    public int MinSessionExpires { get; init; } = RfcMinimumSessionExpires;

    /// <summary>Reads <c>uc.calls</c>; <paramref name="config"/> must include the reference defaults.</summary>
    /// <exception cref="ConfigException">A value is missing, of the wrong type or out of range.</exception>
    public static CallSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        const string p = ConfigPath;
        var intervalPath = $"{p}.session-timer.interval";
        var interval = config.GetString(intervalPath);
        var settings = new CallSettings
        {
            LocalDomains = [.. config.GetStringList($"{p}.local-domains").Select(d => d.Trim().ToLowerInvariant())],
            RingTimeout = Duration(config, $"{p}.ring-timeout", 1, 3600),
            DefaultNoAnswer = Duration(config, $"{p}.default-no-answer", 1, 600),
            PushWait = Duration(config, $"{p}.push-wait", 1, 120),
            MaxForwardingHops = Ranged(config.GetInt($"{p}.max-forwarding-hops"), $"{p}.max-forwarding-hops", 0, 20),
            BusyWhenInCall = config.GetBoolean($"{p}.busy-when-in-call"),
            SessionInterval = interval is "off" or "false" ? null : (int)Duration(config, intervalPath, 90, 86400).TotalSeconds,
            MinSessionExpires = (int)Duration(config, $"{p}.session-timer.min-se", RfcMinimumSessionExpires, 86400).TotalSeconds,
        };
        if (settings.LocalDomains.Any(string.IsNullOrWhiteSpace))
        {
            throw new ConfigException($"{p}.local-domains must not contain empty entries");
        }

        if (settings.SessionInterval is { } s && s < settings.MinSessionExpires)
        {
            throw new ConfigException($"{intervalPath} = {s}s is below {p}.session-timer.min-se = {settings.MinSessionExpires}s");
        }

        return settings;
    }

    private static int Ranged(int value, string path, int min, int max) =>
        value >= min && value <= max ? value : throw new ConfigException($"{path} = {value} is out of range {min}..{max}");

    private static TimeSpan Duration(Config config, string path, int minSeconds, int maxSeconds)
    {
        var value = config.GetTimeSpan(path);
        return value.TotalSeconds >= minSeconds && value.TotalSeconds <= maxSeconds && value.TotalSeconds == Math.Floor(value.TotalSeconds)
            ? value
            : throw new ConfigException($"{path} = {value} must be whole seconds in {minSeconds}s..{maxSeconds}s");
    }
}
