using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Sharding;

/// <summary>
/// <c>/system/sharding</c>: parent of every shard region (Akka's ClusterShardingGuardian), so that regions live
/// outside /user and stop after user actors. It handles no messages; a region that fails is restarted (after
/// rejecting what it buffered), since a sharded type without a region would be unreachable.
/// </summary>
internal sealed class ShardingGuardian : ActorBase
{
    protected override bool Receive(object message) => false;
}
