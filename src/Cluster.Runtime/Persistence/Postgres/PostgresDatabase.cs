using Npgsql;

namespace Cluster.Runtime.Persistence.Postgres;

/// <summary>
/// The pooled <see cref="NpgsqlDataSource"/> a PostgreSQL plugin talks through, plus the shared pieces: error
/// classification and the advisory lock that makes schema creation safe when several nodes start at once.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    public PostgresDatabase(string connectionString, TimeSpan commandTimeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // Statements are few and fixed: let Npgsql keep them prepared per physical connection unless configured.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0) builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        if (string.IsNullOrEmpty(builder.ConnectionStringBuilder.ApplicationName)) builder.ConnectionStringBuilder.ApplicationName = "uc-persistence";
        DataSource = builder.Build();
        CommandTimeoutSeconds = (int)Math.Clamp(Math.Ceiling(commandTimeout.TotalSeconds), 1, int.MaxValue);
    }

    public NpgsqlDataSource DataSource { get; }

    public int CommandTimeoutSeconds { get; }

    public static string Quote(string schema, string table) => $"\"{schema}\".\"{table}\"";

    /// <summary>Runs <paramref name="ddl"/> in a transaction holding an advisory lock, so concurrent starts serialize.</summary>
    public async Task RunSchemaAsync(string schema, string ddl, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('uc.persistence.schema'))", connection, transaction))
        {
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var cmd = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS \"{schema}\";\n{ddl}", connection, transaction))
        {
            cmd.CommandTimeout = CommandTimeoutSeconds;
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Connection problems, serialization failures, deadlocks, lock timeouts and server shutdowns may pass on retry;
    /// constraint and syntax errors will not.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException pg => pg.IsTransient || pg.SqlState.StartsWith("08", StringComparison.Ordinal) ||
                                pg.SqlState.StartsWith("40", StringComparison.Ordinal) ||
                                pg.SqlState.StartsWith("53", StringComparison.Ordinal) ||
                                pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState == "55P03",
        NpgsqlException npgsql => npgsql.IsTransient,
        TimeoutException or IOException or System.Net.Sockets.SocketException => true,
        _ => false,
    };

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
