using Microsoft.Data.Sqlite;

namespace Cluster.Runtime.Persistence.Sqlite;

/// <summary>
/// Journal in a SQLite file. The writer loop owns one connection and reuses prepared statements for the life of
/// the journal; each batch is one <c>BEGIN IMMEDIATE</c> transaction. A unique-key violation only undoes the failing
/// statement in SQLite, so a single-event write needs no savepoint; a multi-event write runs inside a SAVEPOINT
/// that is rolled back on conflict, keeping it all-or-nothing while the rest of the batch commits.
/// </summary>
internal sealed class SqliteJournalBackend : IJournalBackend
{
    private const int SqliteConstraint = 19;
    private readonly SqliteDatabase database;
    private readonly string journal;
    private readonly string tags;
    private SqliteConnection? writer;
    private WriterCommands? commands;

    public SqliteJournalBackend(JournalSettings settings)
    {
        database = new SqliteDatabase(settings.SqlitePath, settings.SqliteBusyTimeout, settings.CommandTimeout);
        journal = settings.Table;
        tags = settings.TagTable;
    }

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        database.Initialize($"""
            CREATE TABLE IF NOT EXISTS "{journal}" (
              ordering INTEGER PRIMARY KEY AUTOINCREMENT,
              persistence_id TEXT NOT NULL,
              sequence_number INTEGER NOT NULL,
              created INTEGER NOT NULL,
              tags TEXT NULL,
              manifest TEXT NOT NULL,
              payload BLOB NOT NULL,
              writer_uuid TEXT NOT NULL,
              deleted INTEGER NOT NULL DEFAULT 0,
              UNIQUE (persistence_id, sequence_number));
            CREATE TABLE IF NOT EXISTS "{tags}" (
              ordering_id INTEGER NOT NULL,
              tag TEXT NOT NULL,
              persistence_id TEXT NOT NULL,
              sequence_nr INTEGER NOT NULL,
              PRIMARY KEY (ordering_id, tag));
            CREATE INDEX IF NOT EXISTS "{tags}_tag_ordering_idx" ON "{tags}" (tag, ordering_id);
            """);
        return Task.CompletedTask;
    }

    public Task<long[]> WriteBatchAsync(IReadOnlyList<SerializedWrite> writes, JournalMetrics metrics, CancellationToken cancellationToken)
    {
        var conflicts = new long[writes.Count];
        try
        {
            writer ??= database.Open();
            var c = commands ??= new WriterCommands(writer, journal, tags, database.CommandTimeoutSeconds);
            using var transaction = writer.BeginTransaction(deferred: false);
            metrics.AddTransaction();
            c.Attach(transaction);
            for (var i = 0; i < writes.Count; i++) conflicts[i] = Write(c, writes[i]);
            transaction.Commit();
            return Task.FromResult(conflicts);
        }
        catch
        {
            // Start the retry on a fresh connection: the old one may be in an unknown state.
            ResetWriter();
            throw;
        }
    }

    private long Write(WriterCommands c, SerializedWrite write)
    {
        var multi = write.Events.Count > 1;
        if (multi) c.Savepoint.ExecuteNonQuery();
        StoredEvent? current = null;
        try
        {
            foreach (var e in write.Events)
            {
                current = e;
                c.Pid.Value = e.PersistenceId;
                c.Seq.Value = e.SequenceNr;
                c.Created.Value = e.CreatedMs;
                c.Tags.Value = (object?)e.TagsColumn ?? DBNull.Value;
                c.Manifest.Value = e.Manifest;
                c.Payload.Value = e.Payload;
                c.Writer.Value = e.WriterUuid;
                c.Insert.ExecuteNonQuery();
                if (e.Tags.Count == 0) continue;
                var ordering = SQLitePCL.raw.sqlite3_last_insert_rowid(writer!.Handle);
                foreach (var tag in e.Tags)
                {
                    c.TagOrdering.Value = ordering;
                    c.TagName.Value = tag;
                    c.TagPid.Value = e.PersistenceId;
                    c.TagSeq.Value = e.SequenceNr;
                    c.InsertTag.ExecuteNonQuery();
                }
            }
            if (multi) c.Release.ExecuteNonQuery();
            return 0;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint && current is not null)
        {
            if (multi)
            {
                c.RollbackTo.ExecuteNonQuery();
                c.Release.ExecuteNonQuery();
            }
            return current.SequenceNr;
        }
    }

    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, int limit,
        CancellationToken cancellationToken) =>
        Query($"""
               SELECT ordering, persistence_id, sequence_number, created, tags, manifest, payload, writer_uuid, deleted FROM "{journal}"
               WHERE persistence_id = $pid AND sequence_number >= $from AND sequence_number <= $to AND deleted = 0
               ORDER BY sequence_number LIMIT $limit
               """,
            cmd =>
            {
                cmd.Parameters.AddWithValue("$pid", persistenceId);
                cmd.Parameters.AddWithValue("$from", fromSequenceNr);
                cmd.Parameters.AddWithValue("$to", toSequenceNr);
                cmd.Parameters.AddWithValue("$limit", limit);
            }, cancellationToken);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""SELECT COALESCE(MAX(sequence_number), 0) FROM "{journal}" WHERE persistence_id = $pid""";
        cmd.Parameters.AddWithValue("$pid", persistenceId);
        return Task.FromResult((long)cmd.ExecuteScalar()!);
    }

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = $"""
            DELETE FROM "{tags}" WHERE ordering_id IN
              (SELECT ordering FROM "{journal}" WHERE persistence_id = $pid AND sequence_number <= $to);
            DELETE FROM "{journal}" WHERE persistence_id = $pid AND sequence_number <= $to
              AND sequence_number < (SELECT MAX(sequence_number) FROM "{journal}" WHERE persistence_id = $pid);
            UPDATE "{journal}" SET deleted = 1 WHERE persistence_id = $pid AND sequence_number <= $to;
            """;
        cmd.Parameters.AddWithValue("$pid", persistenceId);
        cmd.Parameters.AddWithValue("$to", toSequenceNr);
        cmd.ExecuteNonQuery();
        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredEvent>> ReadEventsByTagAsync(string tag, long afterOrdering, int limit, CancellationToken cancellationToken) =>
        Query($"""
               SELECT j.ordering, j.persistence_id, j.sequence_number, j.created, j.tags, j.manifest, j.payload, j.writer_uuid, j.deleted
               FROM "{tags}" t JOIN "{journal}" j ON j.ordering = t.ordering_id
               WHERE t.tag = $tag AND t.ordering_id > $after AND j.deleted = 0
               ORDER BY t.ordering_id LIMIT $limit
               """,
            cmd =>
            {
                cmd.Parameters.AddWithValue("$tag", tag);
                cmd.Parameters.AddWithValue("$after", afterOrdering);
                cmd.Parameters.AddWithValue("$limit", limit);
            }, cancellationToken);

    public Task<IReadOnlyList<string>> ReadPersistenceIdsAsync(string? after, int limit, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""
            SELECT DISTINCT persistence_id FROM "{journal}" WHERE persistence_id > $after
            ORDER BY persistence_id LIMIT $limit
            """;
        cmd.Parameters.AddWithValue("$after", after ?? "");
        cmd.Parameters.AddWithValue("$limit", limit);
        var ids = new List<string>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return Task.FromResult<IReadOnlyList<string>>(ids);
    }

    public Task<(IReadOnlyList<string> Ids, long MaxOrdering)> ReadPersistenceIdsSinceAsync(long afterOrdering, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""SELECT persistence_id, MAX(ordering) FROM "{journal}" WHERE ordering > $after GROUP BY persistence_id""";
        cmd.Parameters.AddWithValue("$after", afterOrdering);
        var ids = new List<string>();
        var max = afterOrdering;
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
            max = Math.Max(max, reader.GetInt64(1));
        }
        return Task.FromResult<(IReadOnlyList<string>, long)>((ids, max));
    }

    public Task<long> ReadMaxOrderingAsync(CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""SELECT COALESCE(MAX(ordering), 0) FROM "{journal}" """;
        return Task.FromResult((long)cmd.ExecuteScalar()!);
    }

    public bool IsTransient(Exception exception) => SqliteDatabase.IsTransient(exception);

    public ValueTask DisposeAsync()
    {
        ResetWriter();
        database.ClearPool();
        return ValueTask.CompletedTask;
    }

    private Task<IReadOnlyList<StoredEvent>> Query(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        bind(cmd);
        var rows = new List<StoredEvent>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new StoredEvent(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                StoredEvent.ParseTags(reader.IsDBNull(4) ? null : reader.GetString(4)),
                reader.GetString(5), (byte[])reader.GetValue(6), reader.GetString(7), reader.GetInt64(8) != 0));
        }
        return Task.FromResult<IReadOnlyList<StoredEvent>>(rows);
    }

    private void ResetWriter()
    {
        commands?.Dispose();
        commands = null;
        writer?.Dispose();
        writer = null;
    }

    /// <summary>The writer connection's prepared statements, kept for the connection's life.</summary>
    private sealed class WriterCommands : IDisposable
    {
        public WriterCommands(SqliteConnection connection, string journal, string tags, int timeoutSeconds)
        {
            Insert = connection.CreateCommand();
            Insert.CommandText = $"""
                INSERT INTO "{journal}" (persistence_id, sequence_number, created, tags, manifest, payload, writer_uuid, deleted)
                VALUES ($pid, $seq, $created, $tags, $manifest, $payload, $writer, 0)
                """;
            Pid = Insert.Parameters.Add("$pid", SqliteType.Text);
            Seq = Insert.Parameters.Add("$seq", SqliteType.Integer);
            Created = Insert.Parameters.Add("$created", SqliteType.Integer);
            Tags = Insert.Parameters.Add("$tags", SqliteType.Text);
            Manifest = Insert.Parameters.Add("$manifest", SqliteType.Text);
            Payload = Insert.Parameters.Add("$payload", SqliteType.Blob);
            Writer = Insert.Parameters.Add("$writer", SqliteType.Text);
            InsertTag = connection.CreateCommand();
            InsertTag.CommandText = $"""INSERT INTO "{tags}" (ordering_id, tag, persistence_id, sequence_nr) VALUES ($o, $t, $p, $s)""";
            TagOrdering = InsertTag.Parameters.Add("$o", SqliteType.Integer);
            TagName = InsertTag.Parameters.Add("$t", SqliteType.Text);
            TagPid = InsertTag.Parameters.Add("$p", SqliteType.Text);
            TagSeq = InsertTag.Parameters.Add("$s", SqliteType.Integer);
            Savepoint = Make(connection, "SAVEPOINT atomic_write");
            Release = Make(connection, "RELEASE SAVEPOINT atomic_write");
            RollbackTo = Make(connection, "ROLLBACK TO SAVEPOINT atomic_write");
            foreach (var c in All) c.CommandTimeout = timeoutSeconds;
        }

        public SqliteCommand Insert { get; }
        public SqliteParameter Pid { get; }
        public SqliteParameter Seq { get; }
        public SqliteParameter Created { get; }
        public SqliteParameter Tags { get; }
        public SqliteParameter Manifest { get; }
        public SqliteParameter Payload { get; }
        public SqliteParameter Writer { get; }
        public SqliteCommand InsertTag { get; }
        public SqliteParameter TagOrdering { get; }
        public SqliteParameter TagName { get; }
        public SqliteParameter TagPid { get; }
        public SqliteParameter TagSeq { get; }
        public SqliteCommand Savepoint { get; }
        public SqliteCommand Release { get; }
        public SqliteCommand RollbackTo { get; }

        private IEnumerable<SqliteCommand> All => new[] { Insert, InsertTag, Savepoint, Release, RollbackTo };

        public void Attach(SqliteTransaction transaction)
        {
            foreach (var c in All) c.Transaction = transaction;
        }

        public void Dispose()
        {
            foreach (var c in All) c.Dispose();
        }

        private static SqliteCommand Make(SqliteConnection connection, string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }
    }
}
