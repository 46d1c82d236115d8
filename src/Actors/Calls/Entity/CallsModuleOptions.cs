using Cluster.Actors.Users;
using Cluster.Actors.Users.Entity;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Sharding;

namespace Cluster.Actors.Calls.Entity;

/// <summary>
/// What <see cref="CallsModule.Start(ActorSystem, CallsModuleOptions)"/> needs, for callers that build settings in code
/// (tests, benchmarks); the node uses the overload that reads them from configuration.
/// </summary>
/// <param name="NodeId">This node's id (<c>uc.node.name</c>): effects for legs whose flow has this node id are carried out here.</param>
/// <param name="Users">How call entities reach user entities (targets, call reports).</param>
public sealed record CallsModuleOptions(string NodeId, IUserGateway Users)
{
    public CallSettings CallSettings { get; init; } = CallSettings.Default;

    public CallEntitySettings EntitySettings { get; init; } = CallEntitySettings.Default;

    /// <summary>Shard count and buffers of the <c>call</c> type; its idle passivation is left to the entity.</summary>
    public ClusterShardingSettings ShardingSettings { get; init; } = ClusterShardingSettings.Default;

    /// <summary>Tags, id tokens and glare back-off; null = <see cref="SecureCallEntropy"/> (tests pass a seeded one).</summary>
    public ICallEntropy? Entropy { get; init; }

    /// <summary>The media-anchoring hook; null = pass SDP through unchanged.</summary>
    public ISdpRewriter? Sdp { get; init; }

    /// <summary>Builds the node-router directory from the local call-effect router; null = this node only.</summary>
    public Func<IActorRef, INodeRouterDirectory>? RouterDirectory { get; init; }
}
