using Cluster.Runtime.Hocon;

namespace Cluster.Actors.Users;

/// <summary>
/// Policy of the user entity, read in one place from <c>uc.users</c> (defaults in Users/reference.conf) so a bad value
/// stops the node at start-up rather than at the first REGISTER. Only the decider reads it; state application never
/// does, so changing a setting never changes what a journal replays to.
/// </summary>
public sealed record UserSettings
{
    public const string ConfigPath = "uc.users";

    public static UserSettings Default { get; } = new();

    public int PasswordIterations { get; init; } = 600_000;

    public int SaltSize { get; init; } = 16;

    public int MinPasswordLength { get; init; } = 8;

    /// <summary>Digest realm; null means the user's domain.</summary>
    public string? DigestRealm { get; init; }

    public int MaxBindings { get; init; } = 10;

    public int MaxSessions { get; init; } = 20;

    public int MaxPushDevices { get; init; } = 10;

    public int MaxWatchers { get; init; } = 1000;

    public int MaxContacts { get; init; } = 2000;

    public int ChatHistoryLimit { get; init; } = 1000;

    public int OfflineMessageLimit { get; init; } = 500;

    public int MaxMessageBytes { get; init; } = 64 * 1024;

    public int MinNoAnswerSeconds { get; init; } = 5;

    public int MaxNoAnswerSeconds { get; init; } = 300;

    public int DefaultNoAnswerSeconds { get; init; } = 20;

    /// <summary>Reads <c>uc.users</c>; <paramref name="config"/> must include the reference defaults.</summary>
    /// <exception cref="ConfigException">A value is missing, of the wrong type or out of range.</exception>
    public static UserSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        const string p = ConfigPath;
        var realmPath = $"{p}.digest-realm";
        var realm = config.GetString(realmPath);
        var settings = new UserSettings
        {
            PasswordIterations = Ranged(config, $"{p}.password.iterations", 1000, 10_000_000),
            SaltSize = Ranged(config, $"{p}.password.salt-size", 16, 64),
            MinPasswordLength = Ranged(config, $"{p}.password.min-length", 1, 1024),
            DigestRealm = realm is "off" or "false" || string.IsNullOrWhiteSpace(realm) ? null : realm,
            MaxBindings = Ranged(config, $"{p}.max-bindings", 1, 1000),
            MaxSessions = Ranged(config, $"{p}.max-sessions", 1, 1000),
            MaxPushDevices = Ranged(config, $"{p}.max-push-devices", 1, 1000),
            MaxWatchers = Ranged(config, $"{p}.max-watchers", 1, 100_000),
            MaxContacts = Ranged(config, $"{p}.max-contacts", 1, 100_000),
            ChatHistoryLimit = Ranged(config, $"{p}.chat.history-limit", 10, 1_000_000),
            OfflineMessageLimit = Ranged(config, $"{p}.chat.offline-limit", 1, 100_000),
            MaxMessageBytes = (int)RangedBytes(config, $"{p}.chat.max-body-size", 1, 1024 * 1024),
            MinNoAnswerSeconds = Seconds(config, $"{p}.forwarding.min-no-answer", 1, 600),
            MaxNoAnswerSeconds = Seconds(config, $"{p}.forwarding.max-no-answer", 1, 600),
            DefaultNoAnswerSeconds = Seconds(config, $"{p}.forwarding.default-no-answer", 1, 600),
        };
        if (settings.MinNoAnswerSeconds > settings.MaxNoAnswerSeconds
            || settings.DefaultNoAnswerSeconds < settings.MinNoAnswerSeconds
            || settings.DefaultNoAnswerSeconds > settings.MaxNoAnswerSeconds)
        {
            throw new ConfigException(
                $"{p}.forwarding: need min-no-answer <= default-no-answer <= max-no-answer, got {settings.MinNoAnswerSeconds}s, " +
                $"{settings.DefaultNoAnswerSeconds}s, {settings.MaxNoAnswerSeconds}s");
        }

        return settings;
    }

    private static int Ranged(Config config, string path, int min, int max)
    {
        var value = config.GetInt(path);
        return value >= min && value <= max
            ? value
            : throw new ConfigException($"{path} = {value} is out of range {min}..{max}");
    }

    private static long RangedBytes(Config config, string path, long min, long max)
    {
        var value = config.GetByteSize(path);
        return value >= min && value <= max
            ? value
            : throw new ConfigException($"{path} = {value} bytes is out of range {min}..{max}");
    }

    private static int Seconds(Config config, string path, int min, int max)
    {
        var value = config.GetTimeSpan(path);
        var seconds = value.TotalSeconds;
        return seconds >= min && seconds <= max && seconds == Math.Floor(seconds)
            ? (int)seconds
            : throw new ConfigException($"{path} = {value} must be whole seconds in {min}s..{max}s");
    }
}
