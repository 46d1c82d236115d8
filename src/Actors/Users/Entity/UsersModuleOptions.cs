using Cluster.Actors.Common;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Sharding;

namespace Cluster.Actors.Users.Entity;

/// <summary>
/// What <see cref="UsersModule.Start(ActorSystem, UsersModuleOptions)"/> needs, for callers that build settings in code
/// (tests, benchmarks); the node uses the overload that reads them from configuration.
/// </summary>
/// <param name="NodeId">This node's id (<c>uc.node.name</c>): effects for endpoints with this node id are handled here.</param>
public sealed record UsersModuleOptions(string NodeId)
{
    public UserSettings UserSettings { get; init; } = UserSettings.Default;

    public UserEntitySettings EntitySettings { get; init; } = UserEntitySettings.Default;

    /// <summary>Shard count and buffers of the <c>user</c> type; its idle passivation is left to the entity.</summary>
    public ClusterShardingSettings ShardingSettings { get; init; } = ClusterShardingSettings.Default;

    /// <summary>Also given every directory event (e.g. the web directory search index).</summary>
    public Action<UserAddress, IUserEvent>? DirectoryObserver { get; init; }

    /// <summary>Builds the node-router directory from the local router; null = this node only (<see cref="LocalNodeRouterDirectory"/>).</summary>
    public Func<IActorRef, INodeRouterDirectory>? RouterDirectory { get; init; }

    /// <summary>Where the <c>user</c> region places its shards; null = this node hosts every shard (single node).</summary>
    public IShardLocator? Locator { get; init; }
}
