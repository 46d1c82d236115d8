using System.Collections.Concurrent;
using Cluster.Runtime.Remoting;
using Npgsql;

namespace Cluster.Runtime.Membership;

/// <summary>
/// Shard leases in PostgreSQL: the guard that lets the cluster-aware shard locator hand a shard from one node to
/// another without both hosting it. A lease may be taken when it is free, expired by the database clock, held by a
/// member that is Down, Removed or gone, or already held by the caller. The store also remembers, with the local
/// monotonic clock, until when each lease it obtained is certainly still valid (<see cref="HoldsLease"/>): measured
/// from the moment the acquiring or renewing statement was sent, minus a safety margin, so this node always gives a
/// lease up locally before the database could give it to someone else.
/// </summary>
public sealed class ShardLeaseStore
{
    private const string LiveOwner = "status IN ('joining', 'up', 'leaving', 'exiting')";
    private readonly NpgsqlDataSource dataSource;
    private readonly MembershipSchema schema;
    private readonly TimeProvider time;
    private readonly long validTicks;
    private readonly ConcurrentDictionary<(string Type, string Shard), LocalLease> held = new();

    public ShardLeaseStore(NpgsqlDataSource dataSource, ClusterSettings settings, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        this.dataSource = dataSource;
        schema = new MembershipSchema(settings.Schema);
        Settings = settings;
        time = timeProvider ?? TimeProvider.System;
        validTicks = (long)((settings.LeaseTtl - settings.LeaseSafetyMargin).TotalSeconds * time.TimestampFrequency);
    }

    public ClusterSettings Settings { get; }

    /// <summary>Set by membership: false while the node is fenced, so no lease is taken in that state.</summary>
    internal Func<bool> MayAcquire { get; set; } = static () => true;

    /// <summary>Set by membership: every renewal outcome (start timestamp, error or null) feeds self-fencing.</summary>
    internal Action<long, Exception?>? RenewalObserved { get; set; }

    /// <summary>
    /// Takes or keeps the lease of (<paramref name="typeName"/>, <paramref name="shardId"/>) for
    /// <paramref name="owner"/>; returns it, or null when another live owner holds an unexpired lease.
    /// </summary>
    public async Task<ShardLease?> TryAcquireAsync(string typeName, string shardId, UniqueAddress owner, CancellationToken cancellationToken = default)
    {
        CheckKey(typeName, shardId);
        ArgumentNullException.ThrowIfNull(owner);
        if (!MayAcquire()) return null;
        var started = time.GetTimestamp();
        await using var cmd = dataSource.CreateCommand(
            $"INSERT INTO {schema.Leases} AS l (type_name, shard_id, owner_address, owner_uid, epoch, expires_at, acquired_at) " +
            "VALUES (@type, @shard, @address, @uid, 1, now() + @ttl, now()) " +
            "ON CONFLICT (type_name, shard_id) DO UPDATE SET " +
            "epoch = CASE WHEN l.owner_address = EXCLUDED.owner_address AND l.owner_uid = EXCLUDED.owner_uid AND l.expires_at > now() " +
            "THEN l.epoch ELSE l.epoch + 1 END, " +
            "acquired_at = CASE WHEN l.owner_address = EXCLUDED.owner_address AND l.owner_uid = EXCLUDED.owner_uid AND l.expires_at > now() " +
            "THEN l.acquired_at ELSE now() END, " +
            "owner_address = EXCLUDED.owner_address, owner_uid = EXCLUDED.owner_uid, expires_at = EXCLUDED.expires_at " +
            "WHERE (l.owner_address = EXCLUDED.owner_address AND l.owner_uid = EXCLUDED.owner_uid) OR l.expires_at <= now() " +
            $"OR NOT EXISTS (SELECT 1 FROM {schema.Members} m WHERE m.address = l.owner_address AND m.uid = l.owner_uid AND m.{LiveOwner}) " +
            "RETURNING epoch, expires_at, acquired_at");
        cmd.Parameters.AddWithValue("type", typeName);
        cmd.Parameters.AddWithValue("shard", shardId);
        cmd.Parameters.AddWithValue("address", owner.Address.ToString());
        cmd.Parameters.AddWithValue("uid", owner.Uid);
        cmd.Parameters.AddWithValue("ttl", Settings.LeaseTtl);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            held.TryRemove((typeName, shardId), out _);
            return null;
        }
        var lease = new ShardLease(typeName, shardId, owner, reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2));
        held[(typeName, shardId)] = new LocalLease(owner, lease.Epoch, started + validTicks);
        return lease;
    }

    /// <summary>
    /// Extends every unexpired lease of <paramref name="owner"/> to <c>now() + lease-ttl</c> in one statement and
    /// returns how many were extended. Leases not extended (expired, taken over, or the owner is Down) are forgotten
    /// locally. A failure to reach the database is reported to self-fencing and rethrown.
    /// </summary>
    public async Task<int> RenewAllAsync(UniqueAddress owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var started = time.GetTimestamp();
        var renewed = new HashSet<(string, string)>();
        try
        {
            await using var cmd = dataSource.CreateCommand(
                $"UPDATE {schema.Leases} SET expires_at = now() + @ttl " +
                "WHERE owner_address = @address AND owner_uid = @uid AND expires_at > now() " +
                $"AND EXISTS (SELECT 1 FROM {schema.Members} m WHERE m.address = @address AND m.uid = @uid AND m.{LiveOwner}) " +
                "RETURNING type_name, shard_id, epoch");
            cmd.Parameters.AddWithValue("ttl", Settings.LeaseTtl);
            cmd.Parameters.AddWithValue("address", owner.Address.ToString());
            cmd.Parameters.AddWithValue("uid", owner.Uid);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = (reader.GetString(0), reader.GetString(1));
                renewed.Add(key);
                held[key] = new LocalLease(owner, reader.GetInt64(2), started + validTicks);
            }
        }
        catch (Exception ex)
        {
            RenewalObserved?.Invoke(started, ex);
            throw;
        }
        // A lease acquired while this statement ran is not in its result but is valid: only leases obtained before the
        // statement was sent (valid until no later than this renewal would make them) are forgotten.
        foreach (var (key, local) in held)
        {
            if (local.Owner == owner && !renewed.Contains(key) && local.ValidUntil <= started + validTicks)
                held.TryRemove(new KeyValuePair<(string, string), LocalLease>(key, local));
        }
        RenewalObserved?.Invoke(started, null);
        return renewed.Count;
    }

    /// <summary>Gives a lease up (it expires now, keeping its epoch so the next owner gets a higher one). Returns false if it was not held by the owner.</summary>
    public async Task<bool> ReleaseAsync(string typeName, string shardId, UniqueAddress owner, CancellationToken cancellationToken = default)
    {
        CheckKey(typeName, shardId);
        ArgumentNullException.ThrowIfNull(owner);
        held.TryRemove((typeName, shardId), out _);
        await using var cmd = dataSource.CreateCommand(
            $"UPDATE {schema.Leases} SET expires_at = LEAST(expires_at, now()) " +
            "WHERE type_name = @type AND shard_id = @shard AND owner_address = @address AND owner_uid = @uid AND expires_at > now()");
        cmd.Parameters.AddWithValue("type", typeName);
        cmd.Parameters.AddWithValue("shard", shardId);
        cmd.Parameters.AddWithValue("address", owner.Address.ToString());
        cmd.Parameters.AddWithValue("uid", owner.Uid);
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Gives up every lease of <paramref name="owner"/>; returns how many were held.</summary>
    public async Task<int> ReleaseAllAsync(UniqueAddress owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ForgetAll(owner);
        await using var cmd = dataSource.CreateCommand(
            $"UPDATE {schema.Leases} SET expires_at = LEAST(expires_at, now()) " +
            "WHERE owner_address = @address AND owner_uid = @uid AND expires_at > now()");
        cmd.Parameters.AddWithValue("address", owner.Address.ToString());
        cmd.Parameters.AddWithValue("uid", owner.Uid);
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every lease row (of one entity type when given), expired ones included, ordered by type and shard.</summary>
    public async Task<IReadOnlyList<ShardLease>> ListLeasesAsync(string? typeName = null, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"SELECT type_name, shard_id, owner_address, owner_uid, epoch, expires_at, acquired_at FROM {schema.Leases} " +
            "WHERE @type::text IS NULL OR type_name = @type ORDER BY type_name, shard_id");
        cmd.Parameters.Add(new NpgsqlParameter("type", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)typeName ?? DBNull.Value });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<ShardLease>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new ShardLease(reader.GetString(0), reader.GetString(1),
                new UniqueAddress(NodeAddress.Parse(reader.GetString(2)), reader.GetInt64(3)),
                reader.GetInt64(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }
        return list;
    }

    /// <summary>
    /// True while this node certainly holds the lease: obtained or renewed through this store less than
    /// lease-ttl minus lease-safety-margin ago (local monotonic clock, counted from when the statement was sent).
    /// Entities of a shard may be active only while this answers true.
    /// </summary>
    public bool HoldsLease(string typeName, string shardId) =>
        held.TryGetValue((typeName, shardId), out var local) && time.GetTimestamp() < local.ValidUntil;

    /// <summary>The epoch of a lease this node holds (see <see cref="HoldsLease"/>), or null.</summary>
    public long? HeldEpoch(string typeName, string shardId) =>
        held.TryGetValue((typeName, shardId), out var local) && time.GetTimestamp() < local.ValidUntil ? local.Epoch : null;

    /// <summary>Forgets every lease held locally (fencing): <see cref="HoldsLease"/> answers false from now on.</summary>
    public void ForgetAll(UniqueAddress? owner = null)
    {
        foreach (var (key, local) in held)
        {
            if (owner is null || local.Owner == owner) held.TryRemove(new KeyValuePair<(string, string), LocalLease>(key, local));
        }
    }

    private static void CheckKey(string typeName, string shardId)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        ArgumentException.ThrowIfNullOrEmpty(shardId);
    }

    private sealed record LocalLease(UniqueAddress Owner, long Epoch, long ValidUntil);
}
