using Cluster.Runtime.Persistence;
using Cluster.Runtime.Persistence.Serialization;

namespace Cluster.Runtime.Tests.Persistence;

/// <summary>What every snapshot store plugin must do (Akka's snapshot store TCK, in spirit).</summary>
public abstract class SnapshotStoreConformance : PersistencePluginTestBase
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private ISnapshotStore Store => Components.SnapshotStore;

    private async Task SaveThreeAsync(string pid)
    {
        foreach (var seq in new[] { 5L, 10L, 15L })
            await Store.SaveAsync(new SnapshotMetadata(pid, seq, T0.AddMinutes(seq)), new CartState(new[] { $"at-{seq}" }));
    }

    [Fact]
    public async Task Load_picks_the_latest_snapshot_matching_the_criteria()
    {
        await SaveThreeAsync("cart-1");
        await Store.SaveAsync(new SnapshotMetadata("cart-2", 99, T0), new CartState(new[] { "other" }));

        var latest = await Store.LoadAsync("cart-1", SnapshotSelectionCriteria.Latest);
        Assert.NotNull(latest);
        Assert.Equal(15, latest.Metadata.SequenceNr);
        Assert.Equal(T0.AddMinutes(15), latest.Metadata.Timestamp);
        Assert.Equal(new[] { "at-15" }, ((CartState)latest.Snapshot).Items);

        Assert.Equal(10, (await Store.LoadAsync("cart-1", new SnapshotSelectionCriteria(maxSequenceNr: 12)))!.Metadata.SequenceNr);
        Assert.Equal(5, (await Store.LoadAsync("cart-1", new SnapshotSelectionCriteria(maxTimestamp: T0.AddMinutes(9))))!.Metadata.SequenceNr);
        Assert.Equal(10, (await Store.LoadAsync("cart-1", new SnapshotSelectionCriteria(maxSequenceNr: 14, minSequenceNr: 6)))!.Metadata.SequenceNr);
        Assert.Null(await Store.LoadAsync("cart-1", new SnapshotSelectionCriteria(maxSequenceNr: 4)));
        Assert.Null(await Store.LoadAsync("cart-1", SnapshotSelectionCriteria.None));
        Assert.Null(await Store.LoadAsync("nobody", SnapshotSelectionCriteria.Latest));
    }

    [Fact]
    public async Task Saving_the_same_sequence_number_again_replaces_the_snapshot()
    {
        await Store.SaveAsync(new SnapshotMetadata("cart-r", 3, T0), new CartState(new[] { "old" }));
        await Store.SaveAsync(new SnapshotMetadata("cart-r", 3, T0.AddSeconds(1)), new CartState(new[] { "new" }));

        var loaded = await Store.LoadAsync("cart-r", SnapshotSelectionCriteria.Latest);

        Assert.Equal(new[] { "new" }, ((CartState)loaded!.Snapshot).Items);
        Assert.Equal(T0.AddSeconds(1), loaded.Metadata.Timestamp);
    }

    [Fact]
    public async Task Delete_by_metadata_removes_one_and_by_criteria_removes_the_matching()
    {
        await SaveThreeAsync("cart-d");

        await Store.DeleteAsync(new SnapshotMetadata("cart-d", 15, default));
        Assert.Equal(10, (await Store.LoadAsync("cart-d", SnapshotSelectionCriteria.Latest))!.Metadata.SequenceNr);

        await Store.DeleteAsync("cart-d", new SnapshotSelectionCriteria(maxSequenceNr: 10, minSequenceNr: 6));
        Assert.Equal(5, (await Store.LoadAsync("cart-d", SnapshotSelectionCriteria.Latest))!.Metadata.SequenceNr);

        await Store.DeleteAsync("cart-d", SnapshotSelectionCriteria.Latest);
        Assert.Null(await Store.LoadAsync("cart-d", SnapshotSelectionCriteria.Latest));
    }

    [Fact]
    public async Task Saving_an_unregistered_type_fails_and_stores_nothing()
    {
        await Assert.ThrowsAsync<PayloadSerializationException>(() =>
            Store.SaveAsync(new SnapshotMetadata("cart-x", 1, T0), new NotRegistered("state")));
        Assert.Null(await Store.LoadAsync("cart-x", SnapshotSelectionCriteria.Latest));
    }
}
