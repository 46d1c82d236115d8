using Cluster.Runtime.Kernel;

namespace Cluster.Actors.Users.Entity;

/// <summary>
/// The single-node directory: the local node's id (<c>uc.node.name</c>) resolves to the local router, every other id
/// is unknown. Node ids are compared exactly (ordinal), as they are written into endpoints by the edges.
/// </summary>
public sealed class LocalNodeRouterDirectory : INodeRouterDirectory
{
    public LocalNodeRouterDirectory(string localNodeId, IActorRef localRouter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(localNodeId);
        ArgumentNullException.ThrowIfNull(localRouter);
        LocalNodeId = localNodeId;
        LocalRouter = localRouter;
    }

    public string LocalNodeId { get; }

    public IActorRef LocalRouter { get; }

    public bool TryResolve(string nodeId, out IActorRef router)
    {
        if (string.Equals(nodeId, LocalNodeId, StringComparison.Ordinal))
        {
            router = LocalRouter;
            return true;
        }

        router = ActorRefs.Nobody;
        return false;
    }
}
