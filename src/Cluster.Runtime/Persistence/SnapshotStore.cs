using Cluster.Runtime.Persistence.Serialization;

namespace Cluster.Runtime.Persistence;

/// <summary>
/// <see cref="ISnapshotStore"/> for every plugin: serializes snapshots through the <see cref="SerializerRegistry"/>
/// (so snapshot types get stable manifests and upcasting like events) and delegates storage to the backend.
/// </summary>
internal sealed class SnapshotStore : ISnapshotStore
{
    private readonly ISnapshotBackend backend;
    private readonly SerializerRegistry registry;

    public SnapshotStore(ISnapshotBackend backend, SerializerRegistry registry)
    {
        this.backend = backend ?? throw new ArgumentNullException(nameof(backend));
        this.registry = registry ?? throw new ArgumentNullException(nameof(registry));
    }

    public async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        var row = await backend.LoadAsync(persistenceId, criteria, cancellationToken).ConfigureAwait(false);
        if (row is null) return null;
        var state = registry.Deserialize(row.Manifest, row.Payload, row.PersistenceId);
        return new SelectedSnapshot(new SnapshotMetadata(row.PersistenceId, row.SequenceNr, DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedMs)), state);
    }

    public Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(snapshot);
        var payload = registry.Serialize(snapshot);
        var created = metadata.Timestamp == default ? DateTimeOffset.UtcNow : metadata.Timestamp;
        return backend.SaveAsync(
            new StoredSnapshot(metadata.PersistenceId, metadata.SequenceNr, created.ToUnixTimeMilliseconds(), payload.Manifest, payload.Bytes),
            cancellationToken);
    }

    public Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return backend.DeleteAsync(metadata.PersistenceId, metadata.SequenceNr, cancellationToken);
    }

    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        return backend.DeleteAsync(persistenceId, criteria, cancellationToken);
    }

    public ValueTask DisposeAsync() => backend.DisposeAsync();
}
