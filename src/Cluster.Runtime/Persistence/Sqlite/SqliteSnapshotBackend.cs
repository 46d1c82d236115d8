using Microsoft.Data.Sqlite;

namespace Cluster.Runtime.Persistence.Sqlite;

/// <summary>Snapshots in a SQLite file (usually the journal's), one row per (persistence id, sequence number).</summary>
internal sealed class SqliteSnapshotBackend : ISnapshotBackend
{
    private readonly SqliteDatabase database;
    private readonly string table;

    public SqliteSnapshotBackend(SnapshotSettings settings)
    {
        database = new SqliteDatabase(settings.SqlitePath, settings.SqliteBusyTimeout, settings.CommandTimeout);
        table = settings.Table;
    }

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        database.Initialize($"""
            CREATE TABLE IF NOT EXISTS "{table}" (
              persistence_id TEXT NOT NULL,
              sequence_number INTEGER NOT NULL,
              created INTEGER NOT NULL,
              manifest TEXT NOT NULL,
              payload BLOB NOT NULL,
              PRIMARY KEY (persistence_id, sequence_number));
            """);
        return Task.CompletedTask;
    }

    public Task<StoredSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""
            SELECT persistence_id, sequence_number, created, manifest, payload FROM "{table}"
            WHERE persistence_id = $pid {Where}
            ORDER BY sequence_number DESC LIMIT 1
            """;
        Bind(cmd, persistenceId, criteria);
        using var reader = cmd.ExecuteReader();
        StoredSnapshot? found = reader.Read()
            ? new StoredSnapshot(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), (byte[])reader.GetValue(4))
            : null;
        return Task.FromResult(found);
    }

    public Task SaveAsync(StoredSnapshot snapshot, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""
            INSERT INTO "{table}" (persistence_id, sequence_number, created, manifest, payload) VALUES ($pid, $seq, $created, $manifest, $payload)
            ON CONFLICT (persistence_id, sequence_number) DO UPDATE SET created = excluded.created, manifest = excluded.manifest, payload = excluded.payload
            """;
        cmd.Parameters.AddWithValue("$pid", snapshot.PersistenceId);
        cmd.Parameters.AddWithValue("$seq", snapshot.SequenceNr);
        cmd.Parameters.AddWithValue("$created", snapshot.CreatedMs);
        cmd.Parameters.AddWithValue("$manifest", snapshot.Manifest);
        cmd.Parameters.Add("$payload", SqliteType.Blob).Value = snapshot.Payload;
        cmd.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string persistenceId, long sequenceNr, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""DELETE FROM "{table}" WHERE persistence_id = $pid AND sequence_number = $seq""";
        cmd.Parameters.AddWithValue("$pid", persistenceId);
        cmd.Parameters.AddWithValue("$seq", sequenceNr);
        cmd.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""DELETE FROM "{table}" WHERE persistence_id = $pid {Where}""";
        Bind(cmd, persistenceId, criteria);
        cmd.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        database.ClearPool();
        return ValueTask.CompletedTask;
    }

    private const string Where =
        "AND sequence_number >= $minSeq AND sequence_number <= $maxSeq AND created >= $minTs AND created <= $maxTs";

    private static void Bind(SqliteCommand cmd, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        cmd.Parameters.AddWithValue("$pid", persistenceId);
        cmd.Parameters.AddWithValue("$minSeq", criteria.MinSequenceNr);
        cmd.Parameters.AddWithValue("$maxSeq", criteria.MaxSequenceNr);
        cmd.Parameters.AddWithValue("$minTs", criteria.MinTimestampMs);
        cmd.Parameters.AddWithValue("$maxTs", criteria.MaxTimestampMs);
    }
}
