using Cluster.Runtime.Kernel;

namespace Cluster.Actors.Users.Entity;

/// <summary>
/// Finds the <see cref="EdgeEffectRouter"/> of the node that holds an edge endpoint
/// (<see cref="Common.EdgeEndpoint.NodeId"/>). The seam where cluster remoting plugs in: today only the local node is
/// known (<see cref="LocalNodeRouterDirectory"/>); the cluster layer adds the routers of the other members.
/// </summary>
public interface INodeRouterDirectory
{
    /// <summary>The router of <paramref name="nodeId"/>; false when that node is unknown (the effect is then dead-lettered).</summary>
    bool TryResolve(string nodeId, out IActorRef router);
}
