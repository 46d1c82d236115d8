using Cluster.Runtime.Hocon;

namespace Cluster.Runtime.Persistence;

public sealed partial record PersistenceSettings
{
    private const string JournalPath = "uc.persistence.journal";
    private const string SnapshotPath = "uc.persistence.snapshot-store";

    /// <summary>
    /// Reads <c>uc.persistence.journal</c> and <c>uc.persistence.snapshot-store</c> (this folder's
    /// <c>reference.conf</c> documents every key). Errors, including the cross-key checks of <c>Validate()</c>, name
    /// the file, the line and the key.
    /// </summary>
    public static PersistenceSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        const string j = JournalPath;
        const string s = SnapshotPath;
        var backoff = config.GetTimeSpan($"{j}.batch-retry-backoff");
        if (backoff < TimeSpan.Zero) throw config.Invalid($"{j}.batch-retry-backoff", $"must not be negative but is {backoff}");
        var maxBackoff = config.GetTimeSpan($"{j}.batch-retry-max-backoff");
        if (maxBackoff < backoff)
            throw config.Invalid($"{j}.batch-retry-max-backoff", $"must not be below batch-retry-backoff ({backoff}) but is {maxBackoff}");
        var journal = new JournalSettings
        {
            Plugin = Plugin(config, $"{j}.plugin"),
            ConnectionString = config.GetStringOrOff($"{j}.connection-string") ?? "",
            SqlitePath = config.GetStringOrOff($"{j}.sqlite-path") ?? "",
            Schema = config.GetString($"{j}.schema"),
            Table = config.GetString($"{j}.table"),
            TagTable = config.GetString($"{j}.tag-table"),
            AutoInitialize = config.GetBoolean($"{j}.auto-initialize"),
            MaxBatchSize = config.GetIntInRange($"{j}.max-batch-size", 1),
            QueueCapacity = config.GetIntInRange($"{j}.queue-capacity", 1),
            BatchRetries = config.GetIntInRange($"{j}.batch-retries", 0),
            BatchRetryBackoff = backoff,
            BatchRetryMaxBackoff = maxBackoff,
            ReplayPageSize = config.GetIntInRange($"{j}.replay-page-size", 1),
            CommandTimeout = config.GetPositiveTimeSpan($"{j}.command-timeout"),
            SqliteBusyTimeout = config.GetPositiveTimeSpan($"{j}.sqlite-busy-timeout"),
            QueryRefreshInterval = config.GetPositiveTimeSpan($"{j}.query-refresh-interval"),
        };
        var snapshots = new SnapshotSettings
        {
            Plugin = Plugin(config, $"{s}.plugin"),
            ConnectionString = config.GetStringOrOff($"{s}.connection-string") ?? "",
            SqlitePath = config.GetStringOrOff($"{s}.sqlite-path") ?? "",
            Schema = config.GetString($"{s}.schema"),
            Table = config.GetString($"{s}.table"),
            AutoInitialize = config.GetBoolean($"{s}.auto-initialize"),
            CommandTimeout = config.GetPositiveTimeSpan($"{s}.command-timeout"),
            SqliteBusyTimeout = config.GetPositiveTimeSpan($"{s}.sqlite-busy-timeout"),
        };
        Checked(config, j, () => journal.Validate());
        Checked(config, s, () => snapshots.Validate());
        return new PersistenceSettings(journal, snapshots);
    }

    private static PersistencePluginKind Plugin(Config config, string path) => config.GetString(path) switch
    {
        "inmem" => PersistencePluginKind.InMemory,
        "sqlite" => PersistencePluginKind.Sqlite,
        "postgresql" => PersistencePluginKind.PostgreSql,
        var other => throw config.Invalid(path, $"unknown plugin '{other}'; valid: inmem, sqlite, postgresql"),
    };

    /// <summary>Turns a Validate() error (whose message starts with the full key) into one naming file and line.</summary>
    private static void Checked(Config config, string section, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException e)
        {
            var key = e.Message.Split(' ', 2)[0];
            throw config.Invalid(key.StartsWith(section + ".", StringComparison.Ordinal) && config.HasPath(key) ? key : section + ".plugin", e.Message);
        }
    }
}
