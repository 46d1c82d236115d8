using Microsoft.Data.Sqlite;

namespace Cluster.Runtime.Persistence.Sqlite;

/// <summary>
/// Opens connections to one SQLite file configured the way the journal needs: WAL (readers never block the writer),
/// <c>synchronous=NORMAL</c> (a commit is durable once the WAL is synced at checkpoint; a power cut may lose the last
/// commits but never corrupts), and a busy timeout so concurrent writers wait instead of failing at once.
/// </summary>
internal sealed class SqliteDatabase
{
    private static int batteriesInitialized;
    private readonly string connectionString;
    private readonly int busyTimeoutMs;

    public SqliteDatabase(string path, TimeSpan busyTimeout, TimeSpan commandTimeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Interlocked.Exchange(ref batteriesInitialized, 1) == 0) SQLitePCL.Batteries_V2.Init();
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        FilePath = full;
        busyTimeoutMs = (int)Math.Clamp(busyTimeout.TotalMilliseconds, 0, int.MaxValue);
        CommandTimeoutSeconds = (int)Math.Clamp(Math.Ceiling(commandTimeout.TotalSeconds), 1, int.MaxValue);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = CommandTimeoutSeconds,
        }.ToString();
    }

    /// <summary>The absolute path of the database file.</summary>
    public string FilePath { get; }

    public int CommandTimeoutSeconds { get; }

    /// <summary>An open connection with the per-connection pragmas applied.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {busyTimeoutMs}; PRAGMA synchronous = NORMAL;";
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Switches the file to WAL (persistent in the file) and runs the schema script.</summary>
    public void Initialize(string schemaSql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
        command.CommandText = schemaSql;
        command.ExecuteNonQuery();
    }

    /// <summary>Closes pooled connections so the file can be moved or deleted.</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>Busy, locked and I/O errors can pass; constraint or schema errors will not.</summary>
    public static bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 or 10 or 13 or 14 or 15 };
}
