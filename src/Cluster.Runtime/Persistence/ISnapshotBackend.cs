namespace Cluster.Runtime.Persistence;

/// <summary>One snapshot row as stored: serialized state plus its key and time.</summary>
internal sealed record StoredSnapshot(string PersistenceId, long SequenceNr, long CreatedMs, string Manifest, byte[] Payload);

/// <summary>What a database must provide for snapshots; <see cref="SnapshotStore"/> adds serialization.</summary>
internal interface ISnapshotBackend : IAsyncDisposable
{
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The matching row with the highest sequence number, or null.</summary>
    Task<StoredSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken);

    /// <summary>Inserts, or replaces the row with the same (persistence id, sequence number).</summary>
    Task SaveAsync(StoredSnapshot snapshot, CancellationToken cancellationToken);

    Task DeleteAsync(string persistenceId, long sequenceNr, CancellationToken cancellationToken);

    Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken);
}
