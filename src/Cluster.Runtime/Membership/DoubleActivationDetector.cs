using Cluster.Runtime.Remoting;
using Npgsql;
using Serilog;

namespace Cluster.Runtime.Membership;

/// <summary>
/// Checks the one promise sharding must never break: an entity is active on at most one node. Every activation is
/// recorded in <c>entity_activation</c> (one row per entity, removed on deactivation); an activation that finds the
/// row owned by a different incarnation that is still a live member has found a double activation. It logs an error
/// ("Entity {Type}/{EntityId} active on two nodes: ..."), counts it in <see cref="DoubleActivations"/>, and records
/// the new owner (so the old owner's later deactivation does not erase it).
/// </summary>
/// <remarks>
/// Cost: one single-row <c>INSERT ... ON CONFLICT DO NOTHING</c> per activation (the row is normally absent) and one
/// primary-key <c>DELETE</c> per deactivation; only when a row is found does a second statement (a locked read plus
/// update) run. Rows left by a crashed owner are not conflicts: its member row is Down or Removed by the time its
/// shards can move. A deactivation that fails to reach the database is queued and retried with the next call.
/// </remarks>
public sealed class DoubleActivationDetector
{
    private const int MaxPendingDeletes = 10_000;
    private readonly NpgsqlDataSource dataSource;
    private readonly MembershipSchema schema;
    private readonly ILogger log;
    private readonly object pendingGate = new();
    private readonly Queue<(string Type, string EntityId, UniqueAddress Owner)> pendingDeletes = new();
    private long doubleActivations;
    private long activationsChecked;

    public DoubleActivationDetector(NpgsqlDataSource dataSource, string schema, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(logger);
        this.dataSource = dataSource;
        this.schema = new MembershipSchema(schema);
        log = logger.ForContext<DoubleActivationDetector>();
    }

    /// <summary>Double activations found by this node since start.</summary>
    public long DoubleActivations => Interlocked.Read(ref doubleActivations);

    /// <summary>Activations recorded (checked) by this node since start.</summary>
    public long ActivationsChecked => Interlocked.Read(ref activationsChecked);

    /// <summary>
    /// Records that <paramref name="owner"/> activated the entity under lease epoch <paramref name="epoch"/>; returns
    /// the other live owner found (a double activation), or null.
    /// </summary>
    public async Task<ActivationConflict?> RecordActivationAsync(string typeName, string entityId, UniqueAddress owner, long epoch, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        ArgumentException.ThrowIfNullOrEmpty(entityId);
        ArgumentNullException.ThrowIfNull(owner);
        await FlushPendingDeletesAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref activationsChecked);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await TryInsertAsync(typeName, entityId, owner, epoch, cancellationToken).ConfigureAwait(false)) return null;
            var previous = await TakeOverAsync(typeName, entityId, owner, epoch, cancellationToken).ConfigureAwait(false);
            if (previous is null) continue; // deleted between the two statements: insert again
            if (!previous.Value.Live || previous.Value.Owner == owner) return null;
            var conflict = new ActivationConflict(typeName, entityId, previous.Value.Owner, previous.Value.Epoch, previous.Value.ActiveSince, owner, epoch);
            Interlocked.Increment(ref doubleActivations);
            log.Error("Entity {Type:l}/{EntityId:l} active on two nodes: {ExistingOwner:l} (epoch {ExistingEpoch}, active since {ActiveSince:O}) and {NewOwner:l} (epoch {NewEpoch})",
                typeName, entityId, conflict.ExistingOwner.ToString(), conflict.ExistingEpoch, conflict.ExistingActiveSince, owner.ToString(), epoch);
            return conflict;
        }
        throw new InvalidOperationException($"entity {typeName}/{entityId}: activation row kept appearing and disappearing; could not record the activation");
    }

    /// <summary>Removes the activation row if <paramref name="owner"/> still owns it. A database failure is retried with the next call.</summary>
    public async Task RecordDeactivationAsync(string typeName, string entityId, UniqueAddress owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        ArgumentException.ThrowIfNullOrEmpty(entityId);
        ArgumentNullException.ThrowIfNull(owner);
        try
        {
            await DeleteAsync(typeName, entityId, owner, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
        {
            lock (pendingGate)
            {
                if (pendingDeletes.Count < MaxPendingDeletes) pendingDeletes.Enqueue((typeName, entityId, owner));
            }
            log.Warning(ex, "Could not record deactivation of {Type}/{EntityId}; retrying with the next activation", typeName, entityId);
        }
    }

    private async Task FlushPendingDeletesAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            (string Type, string EntityId, UniqueAddress Owner) next;
            lock (pendingGate)
            {
                if (!pendingDeletes.TryPeek(out next)) return;
            }
            await DeleteAsync(next.Type, next.EntityId, next.Owner, cancellationToken).ConfigureAwait(false);
            lock (pendingGate) pendingDeletes.TryDequeue(out _);
        }
    }

    private async Task DeleteAsync(string typeName, string entityId, UniqueAddress owner, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(
            $"DELETE FROM {schema.Activations} WHERE type_name = @type AND entity_id = @id AND owner_address = @address AND owner_uid = @uid");
        cmd.Parameters.AddWithValue("type", typeName);
        cmd.Parameters.AddWithValue("id", entityId);
        cmd.Parameters.AddWithValue("address", owner.Address.ToString());
        cmd.Parameters.AddWithValue("uid", owner.Uid);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> TryInsertAsync(string typeName, string entityId, UniqueAddress owner, long epoch, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(
            $"INSERT INTO {schema.Activations} (type_name, entity_id, owner_address, owner_uid, epoch, active_since) " +
            "VALUES (@type, @id, @address, @uid, @epoch, now()) ON CONFLICT (type_name, entity_id) DO NOTHING");
        cmd.Parameters.AddWithValue("type", typeName);
        cmd.Parameters.AddWithValue("id", entityId);
        cmd.Parameters.AddWithValue("address", owner.Address.ToString());
        cmd.Parameters.AddWithValue("uid", owner.Uid);
        cmd.Parameters.AddWithValue("epoch", epoch);
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Locks the existing row, reads who owned it and whether that owner is a live member, and records the new owner.</summary>
    private async Task<(UniqueAddress Owner, long Epoch, DateTimeOffset ActiveSince, bool Live)?> TakeOverAsync(
        string typeName, string entityId, UniqueAddress owner, long epoch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        (UniqueAddress, long, DateTimeOffset, bool)? previous = null;
        await using (var read = new NpgsqlCommand(
            "SELECT a.owner_address, a.owner_uid, a.epoch, a.active_since, EXISTS (" +
            $"SELECT 1 FROM {schema.Members} m WHERE m.address = a.owner_address AND m.uid = a.owner_uid " +
            "AND m.status IN ('joining', 'up', 'leaving', 'exiting')) " +
            $"FROM {schema.Activations} a WHERE a.type_name = @type AND a.entity_id = @id FOR UPDATE OF a", connection, transaction))
        {
            read.Parameters.AddWithValue("type", typeName);
            read.Parameters.AddWithValue("id", entityId);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                previous = (new UniqueAddress(NodeAddress.Parse(reader.GetString(0)), reader.GetInt64(1)), reader.GetInt64(2),
                    reader.GetFieldValue<DateTimeOffset>(3), reader.GetBoolean(4));
            }
        }
        if (previous is null) return null;
        await using (var update = new NpgsqlCommand(
            $"UPDATE {schema.Activations} SET owner_address = @address, owner_uid = @uid, epoch = @epoch, active_since = now() " +
            "WHERE type_name = @type AND entity_id = @id", connection, transaction))
        {
            update.Parameters.AddWithValue("type", typeName);
            update.Parameters.AddWithValue("id", entityId);
            update.Parameters.AddWithValue("address", owner.Address.ToString());
            update.Parameters.AddWithValue("uid", owner.Uid);
            update.Parameters.AddWithValue("epoch", epoch);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return previous;
    }
}
