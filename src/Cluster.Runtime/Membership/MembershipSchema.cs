using Npgsql;

namespace Cluster.Runtime.Membership;

/// <summary>
/// The membership tables and their creation. Names are fixed; only the schema is configurable (checked to be a plain
/// identifier by <see cref="ClusterSettings"/> because it ends up in SQL text).
/// </summary>
public sealed class MembershipSchema
{
    public MembershipSchema(string schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        new ClusterSettings { Schema = schema }.Validate();
        Name = schema;
        Members = $"\"{schema}\".\"cluster_member\"";
        UpNumbers = $"\"{schema}\".\"cluster_up_number_seq\"";
        Leases = $"\"{schema}\".\"shard_lease\"";
        Activations = $"\"{schema}\".\"entity_activation\"";
    }

    public string Name { get; }

    /// <summary>Quoted name of the member table.</summary>
    public string Members { get; }

    /// <summary>Quoted name of the sequence handing out up numbers (the age order).</summary>
    public string UpNumbers { get; }

    /// <summary>Quoted name of the shard lease table.</summary>
    public string Leases { get; }

    /// <summary>Quoted name of the entity activation table (double-activation detector).</summary>
    public string Activations { get; }

    /// <summary>The DDL, idempotent (<c>IF NOT EXISTS</c> everywhere).</summary>
    public string Ddl => $"""
        CREATE SCHEMA IF NOT EXISTS "{Name}";
        CREATE TABLE IF NOT EXISTS {Members} (
            address           text        NOT NULL,
            uid               bigint      NOT NULL,
            node_name         text        NOT NULL,
            status            text        NOT NULL CHECK (status IN ('joining', 'up', 'leaving', 'exiting', 'down', 'removed')),
            roles             text[]      NOT NULL DEFAULT ARRAY[]::text[],
            app_version       text        NOT NULL DEFAULT '',
            heartbeat         timestamptz NOT NULL DEFAULT now(),
            joined_at         timestamptz NOT NULL DEFAULT now(),
            up_number         bigint      NULL,
            status_changed_at timestamptz NOT NULL DEFAULT now(),
            unreachable_by    text[]      NOT NULL DEFAULT ARRAY[]::text[],
            PRIMARY KEY (address, uid));
        CREATE SEQUENCE IF NOT EXISTS {UpNumbers};
        CREATE TABLE IF NOT EXISTS {Leases} (
            type_name     text        NOT NULL,
            shard_id      text        NOT NULL,
            owner_address text        NOT NULL,
            owner_uid     bigint      NOT NULL,
            epoch         bigint      NOT NULL,
            expires_at    timestamptz NOT NULL,
            acquired_at   timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (type_name, shard_id));
        CREATE INDEX IF NOT EXISTS "shard_lease_owner_idx" ON {Leases} (owner_address, owner_uid);
        CREATE TABLE IF NOT EXISTS {Activations} (
            type_name     text        NOT NULL,
            entity_id     text        NOT NULL,
            owner_address text        NOT NULL,
            owner_uid     bigint      NOT NULL,
            epoch         bigint      NOT NULL,
            active_since  timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (type_name, entity_id));
        """;

    /// <summary>
    /// Creates everything in one transaction holding an advisory lock, so several nodes starting at once do not race
    /// on <c>CREATE ... IF NOT EXISTS</c> (which is not concurrency-safe in PostgreSQL).
    /// </summary>
    public async Task CreateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('uc.cluster.schema'))", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var ddl = new NpgsqlCommand(Ddl, connection, transaction))
        {
            await ddl.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
