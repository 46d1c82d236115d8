using System.Reflection;
using System.Text.RegularExpressions;
using Cluster.Runtime.Hocon;

namespace Cluster.Runtime.Membership;

/// <summary>
/// Membership, failure-detection and lease settings (<c>uc.cluster.*</c>, see this folder's reference.conf). The
/// timeouts only keep "one entity on one node" true when they are ordered, so the order is checked here, at load
/// time, and a bad order names the keys instead of surfacing later as a double activation.
/// </summary>
public sealed partial record ClusterSettings
{
    private const string Section = "uc.cluster";

    /// <summary>Npgsql connection string of the shared database.</summary>
    public string ConnectionString { get; init; } = "";

    /// <summary>PostgreSQL schema of the membership tables (a plain identifier).</summary>
    public string Schema { get; init; } = "public";

    public bool AutoInitialize { get; init; } = true;

    /// <summary>Version shown to operators; empty = the runtime assembly's version.</summary>
    public string AppVersion { get; init; } = "";

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan UnreachableAfter { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan SelfFenceTimeout { get; init; } = TimeSpan.FromSeconds(4);
    public TimeSpan DownAfter { get; init; } = TimeSpan.FromSeconds(7);
    public TimeSpan RemoveAfterDown { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan LeaderActionsInterval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan LeaseTtl { get; init; } = TimeSpan.FromSeconds(6);
    public TimeSpan LeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan LeaseSafetyMargin { get; init; } = TimeSpan.FromSeconds(1);
    public bool AutoRejoin { get; init; } = true;
    public bool DetectDoubleActivation { get; init; } = true;

    /// <summary>What reference.conf says.</summary>
    public static ClusterSettings Default { get; } = new();

    /// <summary><see cref="AppVersion"/>, or the runtime assembly's informational version when empty.</summary>
    public string EffectiveAppVersion =>
        AppVersion.Length > 0
            ? AppVersion
            : typeof(ClusterSettings).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Reads <c>uc.cluster</c>; every error names the file, line and key(s).</summary>
    public static ClusterSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var settings = new ClusterSettings
        {
            ConnectionString = config.GetString($"{Section}.connection-string"),
            Schema = config.GetString($"{Section}.schema"),
            AutoInitialize = config.GetBoolean($"{Section}.auto-initialize"),
            AppVersion = config.GetString($"{Section}.app-version"),
            HeartbeatInterval = config.GetPositiveTimeSpan($"{Section}.heartbeat-interval"),
            UnreachableAfter = config.GetPositiveTimeSpan($"{Section}.unreachable-after"),
            SelfFenceTimeout = config.GetPositiveTimeSpan($"{Section}.self-fence-timeout"),
            DownAfter = config.GetPositiveTimeSpan($"{Section}.down-after"),
            RemoveAfterDown = config.GetPositiveTimeSpan($"{Section}.remove-after-down"),
            LeaderActionsInterval = config.GetPositiveTimeSpan($"{Section}.leader-actions-interval"),
            OperationTimeout = config.GetPositiveTimeSpan($"{Section}.operation-timeout"),
            LeaseTtl = config.GetPositiveTimeSpan($"{Section}.lease-ttl"),
            LeaseRenewInterval = config.GetPositiveTimeSpan($"{Section}.lease-renew-interval"),
            LeaseSafetyMargin = config.GetPositiveTimeSpan($"{Section}.lease-safety-margin"),
            AutoRejoin = config.GetBoolean($"{Section}.auto-rejoin"),
            DetectDoubleActivation = config.GetBoolean($"{Section}.detect-double-activation"),
        };
        var problem = settings.FindProblem();
        if (problem is not null) throw config.Invalid($"{Section}.{problem.Value.Key}", problem.Value.Message);
        return settings;
    }

    /// <summary>Throws a <see cref="ConfigException"/> naming the keys of the first rule broken; returns this otherwise.</summary>
    public ClusterSettings Validate()
    {
        var problem = FindProblem();
        if (problem is not null) throw new ConfigException($"key '{Section}.{problem.Value.Key}': {problem.Value.Message}");
        return this;
    }

    private (string Key, string Message)? FindProblem()
    {
        if (!IdentifierPattern().IsMatch(Schema) || Schema.Length > 63)
            return ("schema", $"'{Schema}' is not a valid SQL identifier (letters, digits, '_', not starting with a digit, at most 63)");
        foreach (var (key, value) in new[]
                 {
                     ("heartbeat-interval", HeartbeatInterval), ("unreachable-after", UnreachableAfter),
                     ("self-fence-timeout", SelfFenceTimeout), ("down-after", DownAfter), ("remove-after-down", RemoveAfterDown),
                     ("leader-actions-interval", LeaderActionsInterval), ("operation-timeout", OperationTimeout),
                     ("lease-ttl", LeaseTtl), ("lease-renew-interval", LeaseRenewInterval), ("lease-safety-margin", LeaseSafetyMargin),
                 })
        {
            if (value <= TimeSpan.Zero) return (key, $"must be a positive duration but is {Show(value)}");
        }
        if (HeartbeatInterval >= SelfFenceTimeout)
            return ("self-fence-timeout", $"must be greater than {Section}.heartbeat-interval ({Show(HeartbeatInterval)}) but is {Show(SelfFenceTimeout)}: a node would fence itself between two renewals");
        if (SelfFenceTimeout + HeartbeatInterval > DownAfter)
            return ("down-after", $"must be at least {Section}.self-fence-timeout + {Section}.heartbeat-interval ({Show(SelfFenceTimeout)} + {Show(HeartbeatInterval)}) but is {Show(DownAfter)}: other nodes could take the shards of a cut-off node before it has fenced itself");
        if (UnreachableAfter <= HeartbeatInterval || UnreachableAfter > DownAfter)
            return ("unreachable-after", $"must be greater than {Section}.heartbeat-interval ({Show(HeartbeatInterval)}) and at most {Section}.down-after ({Show(DownAfter)}) but is {Show(UnreachableAfter)}");
        if (OperationTimeout >= SelfFenceTimeout)
            return ("operation-timeout", $"must be less than {Section}.self-fence-timeout ({Show(SelfFenceTimeout)}) but is {Show(OperationTimeout)}: one slow statement would fence the node");
        if (LeaseRenewInterval * 2 + LeaseSafetyMargin > LeaseTtl)
            return ("lease-ttl", $"must be at least 2 * {Section}.lease-renew-interval + {Section}.lease-safety-margin (2 * {Show(LeaseRenewInterval)} + {Show(LeaseSafetyMargin)}) but is {Show(LeaseTtl)}: one failed renewal would drop every lease");
        return null;
    }

    private static string Show(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerSecond == 0 ? $"{(long)value.TotalSeconds}s"
        : value.Ticks % TimeSpan.TicksPerMillisecond == 0 ? $"{(long)value.TotalMilliseconds}ms"
        : $"{value.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}ms";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();
}
