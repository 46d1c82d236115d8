namespace Cluster.Runtime.Persistence;

/// <summary>A snapshot found by <see cref="ISnapshotStore.LoadAsync"/>: its metadata and the deserialized state.</summary>
public sealed record SelectedSnapshot(SnapshotMetadata Metadata, object Snapshot);
