using Cluster.Runtime.Remoting;
using Npgsql;
using NpgsqlTypes;

namespace Cluster.Runtime.Membership;

/// <summary>
/// Every membership statement, each a single SQL statement (or one short transaction) so that concurrent nodes can
/// run them at the same time without coordination: row locks and <c>WHERE status = ...</c> guards make each
/// transition happen once. All time comparisons use the database's <c>now()</c>.
/// </summary>
internal sealed class MembershipStore
{
    private const string Live = "('joining', 'up', 'leaving', 'exiting')";
    private readonly NpgsqlDataSource dataSource;
    private readonly MembershipSchema schema;

    public MembershipStore(NpgsqlDataSource dataSource, MembershipSchema schema)
    {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    /// <summary>
    /// Registers a new incarnation as Joining. Any other incarnation at the same address is marked Down in the same
    /// transaction: only one process can listen on an address, so the old one is dead (or is this node, fenced).
    /// </summary>
    public async Task JoinAsync(UniqueAddress self, string nodeName, IReadOnlyList<string> roles, string appVersion, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var down = new NpgsqlCommand(
            $"UPDATE {schema.Members} SET status = 'down', status_changed_at = now() " +
            $"WHERE address = @address AND uid <> @uid AND status IN {Live}", connection, transaction))
        {
            down.Parameters.AddWithValue("address", self.Address.ToString());
            down.Parameters.AddWithValue("uid", self.Uid);
            await down.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var insert = new NpgsqlCommand(
            $"INSERT INTO {schema.Members} (address, uid, node_name, status, roles, app_version, heartbeat, joined_at, status_changed_at) " +
            "VALUES (@address, @uid, @name, 'joining', @roles, @version, now(), now(), now()) " +
            "ON CONFLICT (address, uid) DO NOTHING", connection, transaction))
        {
            insert.Parameters.AddWithValue("address", self.Address.ToString());
            insert.Parameters.AddWithValue("uid", self.Uid);
            insert.Parameters.AddWithValue("name", nodeName);
            insert.Parameters.AddWithValue("roles", NpgsqlDbType.Array | NpgsqlDbType.Text, roles.ToArray());
            insert.Parameters.AddWithValue("version", appVersion);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renews this incarnation's heartbeat; returns its status, or null when it is Down, Removed or gone.</summary>
    public async Task<MemberStatus?> HeartbeatAsync(UniqueAddress self, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(
            $"UPDATE {schema.Members} SET heartbeat = now() WHERE address = @address AND uid = @uid AND status IN {Live} RETURNING status");
        cmd.Parameters.AddWithValue("address", self.Address.ToString());
        cmd.Parameters.AddWithValue("uid", self.Uid);
        var result = await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return result is string text ? MemberStatusText.FromDb(text) : null;
    }

    public async Task<List<MemberRow>> ReadMembersAsync(CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT address, uid, node_name, status, roles, app_version, up_number, joined_at, status_changed_at, " +
            $"greatest(now() - heartbeat, interval '0'), unreachable_by FROM {schema.Members}");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<MemberRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new MemberRow(
                new UniqueAddress(NodeAddress.Parse(reader.GetString(0)), reader.GetInt64(1)),
                reader.GetString(2),
                MemberStatusText.FromDb(reader.GetString(3)),
                reader.GetFieldValue<string[]>(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6),
                reader.GetFieldValue<DateTimeOffset>(7),
                reader.GetFieldValue<DateTimeOffset>(8),
                reader.GetFieldValue<TimeSpan>(9),
                reader.GetFieldValue<string[]>(10)));
        }
        return rows;
    }

    /// <summary>
    /// Marks Down every live member whose heartbeat is older than <paramref name="downAfter"/> by the database clock.
    /// One statement: when several nodes run it at once, row locks make each member go Down exactly once.
    /// </summary>
    public async Task<List<UniqueAddress>> DownStaleAsync(TimeSpan downAfter, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(
            $"UPDATE {schema.Members} SET status = 'down', status_changed_at = now() " +
            $"WHERE status IN {Live} AND heartbeat < now() - @after RETURNING address, uid");
        cmd.Parameters.AddWithValue("after", downAfter);
        return await ReadAddressesAsync(cmd, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Down members older than <paramref name="removeAfter"/> become Removed; Removed rows older than that are deleted.</summary>
    public async Task RemoveDownAsync(TimeSpan removeAfter, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(
            $"WITH removed AS (UPDATE {schema.Members} SET status = 'removed', status_changed_at = now() " +
            "WHERE status = 'down' AND status_changed_at < now() - @after RETURNING 1) " +
            $"DELETE FROM {schema.Members} WHERE status = 'removed' AND status_changed_at < now() - @after");
        cmd.Parameters.AddWithValue("after", removeAfter);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Leader action: every Joining member with a fresh heartbeat becomes Up, with up numbers handed out in join order.
    /// Idempotent if two nodes briefly both act as leader (the second finds nothing Joining).
    /// </summary>
    public async Task<int> PromoteJoiningAsync(TimeSpan freshWithin, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(
            $"WITH candidates AS (SELECT address, uid FROM {schema.Members} WHERE status = 'joining' AND heartbeat >= now() - @fresh " +
            "ORDER BY joined_at, address, uid FOR UPDATE SKIP LOCKED), " +
            $"numbered AS (SELECT address, uid, nextval('{schema.UpNumbers}') AS n FROM candidates) " +
            $"UPDATE {schema.Members} m SET status = 'up', up_number = numbered.n, status_changed_at = now() FROM numbered " +
            "WHERE m.address = numbered.address AND m.uid = numbered.uid AND m.status = 'joining'");
        cmd.Parameters.AddWithValue("fresh", freshWithin);
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Leader action: a Leaving member that holds no unexpired lease any more has handed its shards off and becomes
    /// Exiting. One that still holds leases stays Leaving until they are released or expire.
    /// </summary>
    public async Task<int> ExitLeavingAsync(CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(
            $"UPDATE {schema.Members} m SET status = 'exiting', status_changed_at = now() WHERE m.status = 'leaving' AND NOT EXISTS (" +
            $"SELECT 1 FROM {schema.Leases} l WHERE l.owner_address = m.address AND l.owner_uid = m.uid AND l.expires_at > now())");
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves the member(s) at <paramref name="address"/> (one incarnation when <paramref name="uid"/> is given) from one
    /// of <paramref name="from"/> to <paramref name="to"/>; returns how many rows changed.
    /// </summary>
    public async Task<int> SetStatusAsync(NodeAddress address, long? uid, IReadOnlyList<MemberStatus> from, MemberStatus to, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(
            $"UPDATE {schema.Members} SET status = @to, status_changed_at = now() " +
            "WHERE address = @address AND (@uid::bigint IS NULL OR uid = @uid) AND status = ANY(@from)");
        cmd.Parameters.AddWithValue("to", to.ToDb());
        cmd.Parameters.AddWithValue("address", address.ToString());
        cmd.Parameters.Add(new NpgsqlParameter("uid", NpgsqlDbType.Bigint) { Value = uid is { } u ? u : DBNull.Value });
        cmd.Parameters.AddWithValue("from", NpgsqlDbType.Array | NpgsqlDbType.Text, from.Select(s => s.ToDb()).ToArray());
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds or removes <paramref name="observer"/> in the target's <c>unreachable_by</c> (transport reports).</summary>
    public async Task SetUnreachableAsync(NodeAddress target, NodeAddress observer, bool unreachable, CancellationToken cancellationToken)
    {
        var update = unreachable
            ? "unreachable_by = array_append(array_remove(unreachable_by, @observer), @observer)"
            : "unreachable_by = array_remove(unreachable_by, @observer)";
        await using var cmd = dataSource.CreateCommand(
            $"UPDATE {schema.Members} SET {update} WHERE address = @target AND status IN {Live}");
        cmd.Parameters.AddWithValue("observer", observer.ToString());
        cmd.Parameters.AddWithValue("target", target.ToString());
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<UniqueAddress>> ReadAddressesAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<UniqueAddress>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(new UniqueAddress(NodeAddress.Parse(reader.GetString(0)), reader.GetInt64(1)));
        return list;
    }
}
