using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Sharding;

/// <summary>
/// The single-node locator: every region hosts every shard it is asked about. Answers synchronously, so the first
/// message of a shard is delivered without a detour through the region's mailbox.
/// </summary>
public sealed class LocalShardLocator : IShardLocator
{
    public static readonly LocalShardLocator Instance = new();

    private LocalShardLocator() { }

    public Task<ShardHome> GetHomeAsync(string typeName, string shardId, IActorRef requestingRegion, CancellationToken cancellationToken) =>
        Task.FromResult(new ShardHome(requestingRegion));
}
