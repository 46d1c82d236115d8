using Npgsql;
using NpgsqlTypes;

namespace Cluster.Runtime.Persistence.Postgres;

/// <summary>
/// Journal in PostgreSQL. A whole batch is ONE statement: the rows travel as arrays and are expanded with
/// <c>unnest</c>, and a CTE fills the tag table from the inserted rows' orderings, so a batch of hundreds of events
/// costs one round trip and one (implicit) transaction. A unique-key violation aborts the statement; the backend
/// then looks up which of the batch's keys are already stored, refuses those writes with their sequence number and
/// re-runs the rest, so innocent writes of the batch still commit.
/// </summary>
internal sealed class PostgresJournalBackend : IJournalBackend
{
    private const string UniqueViolation = "23505";
    private readonly PostgresDatabase database;
    private readonly bool ownsDatabase;
    private readonly string schema;
    private readonly string journal;
    private readonly string tags;
    private readonly string journalTable;
    private readonly string tagTable;
    private readonly string insertSql;
    private readonly string conflictSql;
    private const string Columns = "ordering, persistence_id, sequence_number, created, tags, manifest, payload, writer_uuid, deleted";

    public PostgresJournalBackend(JournalSettings settings, PostgresDatabase database, bool ownsDatabase)
    {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        schema = settings.Schema;
        journalTable = settings.Table;
        tagTable = settings.TagTable;
        journal = PostgresDatabase.Quote(schema, settings.Table);
        tags = PostgresDatabase.Quote(schema, settings.TagTable);
        insertSql = $"""
            WITH ins AS (
              INSERT INTO {journal} (persistence_id, sequence_number, created, tags, manifest, payload, writer_uuid, deleted)
              SELECT p, s, c, t, m, b, w, FALSE FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::bytea[], $7::text[]) AS x(p, s, c, t, m, b, w)
              RETURNING ordering, persistence_id, sequence_number, tags)
            INSERT INTO {tags} (ordering_id, tag, persistence_id, sequence_nr)
            SELECT ins.ordering, tg.tag, ins.persistence_id, ins.sequence_number
            FROM ins CROSS JOIN LATERAL unnest(string_to_array(ins.tags, ';')) AS tg(tag)
            WHERE ins.tags IS NOT NULL
            """;
        conflictSql = $"""
            SELECT j.persistence_id, j.sequence_number FROM {journal} j
            JOIN unnest($1::text[], $2::bigint[]) AS k(p, s) ON j.persistence_id = k.p AND j.sequence_number = k.s
            """;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => database.RunSchemaAsync(schema, $"""
        CREATE TABLE IF NOT EXISTS {journal} (
          ordering BIGSERIAL PRIMARY KEY,
          persistence_id VARCHAR(255) NOT NULL,
          sequence_number BIGINT NOT NULL,
          created BIGINT NOT NULL,
          tags TEXT NULL,
          manifest VARCHAR(255) NOT NULL,
          payload BYTEA NOT NULL,
          writer_uuid VARCHAR(128) NOT NULL,
          deleted BOOLEAN NOT NULL DEFAULT FALSE,
          CONSTRAINT "{journalTable}_pid_seq_uq" UNIQUE (persistence_id, sequence_number));
        CREATE TABLE IF NOT EXISTS {tags} (
          ordering_id BIGINT NOT NULL,
          tag VARCHAR(255) NOT NULL,
          persistence_id VARCHAR(255) NOT NULL,
          sequence_nr BIGINT NOT NULL,
          PRIMARY KEY (ordering_id, tag));
        CREATE INDEX IF NOT EXISTS "{tagTable}_tag_ordering_idx" ON {tags} (tag, ordering_id);
        """, cancellationToken);

    public async Task<long[]> WriteBatchAsync(IReadOnlyList<SerializedWrite> writes, JournalMetrics metrics, CancellationToken cancellationToken)
    {
        var conflicts = new long[writes.Count];
        var remaining = Enumerable.Range(0, writes.Count).ToList();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        while (remaining.Count > 0)
        {
            try
            {
                metrics.AddTransaction();
                await InsertAsync(connection, writes, remaining, cancellationToken).ConfigureAwait(false);
                return conflicts;
            }
            catch (PostgresException ex) when (ex.SqlState == UniqueViolation)
            {
                var found = await FindStoredAsync(connection, writes, remaining, cancellationToken).ConfigureAwait(false);
                var before = remaining.Count;
                remaining.RemoveAll(i =>
                {
                    var taken = writes[i].Events.FirstOrDefault(e => found.Contains((e.PersistenceId, e.SequenceNr)));
                    if (taken is null) return false;
                    conflicts[i] = taken.SequenceNr;
                    return true;
                });
                // Nothing of ours is stored: the violation came from elsewhere; let the journal fail the batch.
                if (remaining.Count == before) throw;
            }
        }
        return conflicts;
    }

    private async Task InsertAsync(NpgsqlConnection connection, IReadOnlyList<SerializedWrite> writes, List<int> indexes,
        CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var i in indexes) count += writes[i].Events.Count;
        var pids = new string[count];
        var seqs = new long[count];
        var created = new long[count];
        var tagColumn = new string?[count];
        var manifests = new string[count];
        var payloads = new byte[count][];
        var writers = new string[count];
        var n = 0;
        foreach (var i in indexes)
        {
            foreach (var e in writes[i].Events)
            {
                pids[n] = e.PersistenceId;
                seqs[n] = e.SequenceNr;
                created[n] = e.CreatedMs;
                tagColumn[n] = e.TagsColumn;
                manifests[n] = e.Manifest;
                payloads[n] = e.Payload;
                writers[n] = e.WriterUuid;
                n++;
            }
        }
        await using var cmd = new NpgsqlCommand(insertSql, connection) { CommandTimeout = database.CommandTimeoutSeconds };
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = pids });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = seqs });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = created });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = tagColumn });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = manifests });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = payloads });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = writers });
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<HashSet<(string, long)>> FindStoredAsync(NpgsqlConnection connection, IReadOnlyList<SerializedWrite> writes,
        List<int> indexes, CancellationToken cancellationToken)
    {
        var keys = indexes.SelectMany(i => writes[i].Events).ToList();
        await using var cmd = new NpgsqlCommand(conflictSql, connection) { CommandTimeout = database.CommandTimeoutSeconds };
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = keys.Select(e => e.PersistenceId).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = keys.Select(e => e.SequenceNr).ToArray() });
        var found = new HashSet<(string, long)>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) found.Add((reader.GetString(0), reader.GetInt64(1)));
        return found;
    }

    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, int limit,
        CancellationToken cancellationToken) =>
        QueryEventsAsync($"""
                          SELECT {Columns} FROM {journal}
                          WHERE persistence_id = $1 AND sequence_number >= $2 AND sequence_number <= $3 AND NOT deleted
                          ORDER BY sequence_number LIMIT $4
                          """, cancellationToken, persistenceId, fromSequenceNr, toSequenceNr, (long)limit);

    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken) =>
        (long)(await ScalarAsync($"SELECT COALESCE(MAX(sequence_number), 0) FROM {journal} WHERE persistence_id = $1",
            cancellationToken, persistenceId).ConfigureAwait(false))!;

    public async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var batch = new NpgsqlBatch(connection, transaction) { Timeout = database.CommandTimeoutSeconds };
        await using (batch.ConfigureAwait(false))
        {
            batch.BatchCommands.Add(Command(
                $"DELETE FROM {tags} WHERE ordering_id IN (SELECT ordering FROM {journal} WHERE persistence_id = $1 AND sequence_number <= $2)",
                persistenceId, toSequenceNr));
            batch.BatchCommands.Add(Command(
                $"""
                 DELETE FROM {journal} WHERE persistence_id = $1 AND sequence_number <= $2
                   AND sequence_number < (SELECT MAX(sequence_number) FROM {journal} WHERE persistence_id = $1)
                 """, persistenceId, toSequenceNr));
            batch.BatchCommands.Add(Command(
                $"UPDATE {journal} SET deleted = TRUE WHERE persistence_id = $1 AND sequence_number <= $2", persistenceId, toSequenceNr));
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<StoredEvent>> ReadEventsByTagAsync(string tag, long afterOrdering, int limit, CancellationToken cancellationToken) =>
        QueryEventsAsync($"""
                          SELECT {string.Join(", ", Columns.Split(", ").Select(c => "j." + c))}
                          FROM {tags} t JOIN {journal} j ON j.ordering = t.ordering_id
                          WHERE t.tag = $1 AND t.ordering_id > $2 AND NOT j.deleted
                          ORDER BY t.ordering_id LIMIT $3
                          """, cancellationToken, tag, afterOrdering, (long)limit);

    public async Task<IReadOnlyList<string>> ReadPersistenceIdsAsync(string? after, int limit, CancellationToken cancellationToken)
    {
        await using var cmd = database.DataSource.CreateCommand(
            $"""
             SELECT DISTINCT persistence_id COLLATE "C" AS pid FROM {journal} WHERE persistence_id COLLATE "C" > $1
             ORDER BY pid LIMIT $2
             """);
        cmd.CommandTimeout = database.CommandTimeoutSeconds;
        cmd.Parameters.Add(new NpgsqlParameter { Value = after ?? "" });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (long)limit });
        var ids = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) ids.Add(reader.GetString(0));
        return ids;
    }

    public async Task<(IReadOnlyList<string> Ids, long MaxOrdering)> ReadPersistenceIdsSinceAsync(long afterOrdering, CancellationToken cancellationToken)
    {
        await using var cmd = database.DataSource.CreateCommand(
            $"SELECT persistence_id, MAX(ordering) FROM {journal} WHERE ordering > $1 GROUP BY persistence_id");
        cmd.CommandTimeout = database.CommandTimeoutSeconds;
        cmd.Parameters.Add(new NpgsqlParameter { Value = afterOrdering });
        var ids = new List<string>();
        var max = afterOrdering;
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
            max = Math.Max(max, reader.GetInt64(1));
        }
        return (ids, max);
    }

    public async Task<long> ReadMaxOrderingAsync(CancellationToken cancellationToken) =>
        (long)(await ScalarAsync($"SELECT COALESCE(MAX(ordering), 0) FROM {journal}", cancellationToken).ConfigureAwait(false))!;

    public bool IsTransient(Exception exception) => PostgresDatabase.IsTransient(exception);

    public ValueTask DisposeAsync() => ownsDatabase ? database.DisposeAsync() : ValueTask.CompletedTask;

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var v in values) command.Parameters.Add(new NpgsqlParameter { Value = v });
        return command;
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var cmd = database.DataSource.CreateCommand(sql);
        cmd.CommandTimeout = database.CommandTimeoutSeconds;
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<StoredEvent>> QueryEventsAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var cmd = database.DataSource.CreateCommand(sql);
        cmd.CommandTimeout = database.CommandTimeoutSeconds;
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        var rows = new List<StoredEvent>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new StoredEvent(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                StoredEvent.ParseTags(reader.IsDBNull(4) ? null : reader.GetString(4)),
                reader.GetString(5), reader.GetFieldValue<byte[]>(6), reader.GetString(7), reader.GetBoolean(8)));
        }
        return rows;
    }
}
