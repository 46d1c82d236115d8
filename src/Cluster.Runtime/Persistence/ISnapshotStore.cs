namespace Cluster.Runtime.Persistence;

/// <summary>
/// Snapshots of persistent actors' state, so recovery need not replay the whole journal. Thread-safe; snapshots are
/// rare compared to events, so each call is its own transaction (no group commit).
/// </summary>
public interface ISnapshotStore : IAsyncDisposable
{
    /// <summary>The matching snapshot with the highest sequence number, or null when none matches.</summary>
    Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>Stores (or replaces) the snapshot for (persistence id, sequence number).</summary>
    /// <exception cref="Serialization.PayloadSerializationException">the snapshot's type is not registered or cannot be serialized.</exception>
    Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default);

    /// <summary>Deletes the one snapshot with this persistence id and sequence number, if it exists.</summary>
    Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default);

    /// <summary>Deletes every snapshot of <paramref name="persistenceId"/> matching <paramref name="criteria"/>.</summary>
    Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);
}
