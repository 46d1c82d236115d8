using Npgsql;

namespace Cluster.Runtime.Persistence.Postgres;

/// <summary>Snapshots in PostgreSQL, one row per (persistence id, sequence number); saving again replaces the row.</summary>
internal sealed class PostgresSnapshotBackend : ISnapshotBackend
{
    private const string Where =
        "AND sequence_number >= $2 AND sequence_number <= $3 AND created >= $4 AND created <= $5";
    private readonly PostgresDatabase database;
    private readonly bool ownsDatabase;
    private readonly string schema;
    private readonly string tableName;
    private readonly string table;

    public PostgresSnapshotBackend(SnapshotSettings settings, PostgresDatabase database, bool ownsDatabase)
    {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        schema = settings.Schema;
        tableName = settings.Table;
        table = PostgresDatabase.Quote(schema, settings.Table);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => database.RunSchemaAsync(schema, $"""
        CREATE TABLE IF NOT EXISTS {table} (
          persistence_id VARCHAR(255) NOT NULL,
          sequence_number BIGINT NOT NULL,
          created BIGINT NOT NULL,
          manifest VARCHAR(255) NOT NULL,
          payload BYTEA NOT NULL,
          CONSTRAINT "{tableName}_pk" PRIMARY KEY (persistence_id, sequence_number));
        """, cancellationToken);

    public async Task<StoredSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        await using var cmd = Command($"""
            SELECT persistence_id, sequence_number, created, manifest, payload FROM {table}
            WHERE persistence_id = $1 {Where} ORDER BY sequence_number DESC LIMIT 1
            """, persistenceId, criteria.MinSequenceNr, criteria.MaxSequenceNr, criteria.MinTimestampMs, criteria.MaxTimestampMs);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return new StoredSnapshot(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetFieldValue<byte[]>(4));
    }

    public async Task SaveAsync(StoredSnapshot snapshot, CancellationToken cancellationToken)
    {
        await using var cmd = Command($"""
            INSERT INTO {table} (persistence_id, sequence_number, created, manifest, payload) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (persistence_id, sequence_number) DO UPDATE SET created = EXCLUDED.created, manifest = EXCLUDED.manifest, payload = EXCLUDED.payload
            """, snapshot.PersistenceId, snapshot.SequenceNr, snapshot.CreatedMs, snapshot.Manifest, snapshot.Payload);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string persistenceId, long sequenceNr, CancellationToken cancellationToken)
    {
        await using var cmd = Command($"DELETE FROM {table} WHERE persistence_id = $1 AND sequence_number = $2", persistenceId, sequenceNr);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        await using var cmd = Command($"DELETE FROM {table} WHERE persistence_id = $1 {Where}",
            persistenceId, criteria.MinSequenceNr, criteria.MaxSequenceNr, criteria.MinTimestampMs, criteria.MaxTimestampMs);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => ownsDatabase ? database.DisposeAsync() : ValueTask.CompletedTask;

    private NpgsqlCommand Command(string sql, params object[] values)
    {
        var cmd = database.DataSource.CreateCommand(sql);
        cmd.CommandTimeout = database.CommandTimeoutSeconds;
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return cmd;
    }
}
