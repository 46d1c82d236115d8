using System.Collections.Concurrent;
using Cluster.Actors.Users.Entity;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Remoting;

namespace Cluster.Node.Clustering;

/// <summary>
/// The node-router directory of a cluster: an edge endpoint's node id is the <c>uc.node.name</c> of the member that
/// holds it, so effects for it go to that member's <see cref="EdgeEffectRouter"/> at <c>/user/edge-effects</c>, over
/// remoting. This node's own id resolves to the local router without a lookup. A node id no live member carries
/// (the node left or crashed) is unknown: the entity dead-letters the effect, and the client re-creates its
/// registration or subscription on a surviving node.
/// </summary>
public sealed class ClusterNodeRouterDirectory : INodeRouterDirectory
{
    private readonly string localNodeId;
    private readonly IActorRef localRouter;
    private readonly Func<CurrentClusterState> state;
    private readonly Func<string, IActorRef> resolve;
    private readonly string systemName;
    private readonly ConcurrentDictionary<UniqueAddress, IActorRef> routers = new();

    /// <param name="localNodeId">This node's <c>uc.node.name</c>.</param>
    /// <param name="localRouter">This node's router.</param>
    /// <param name="state">The current membership (node names and addresses of the members).</param>
    /// <param name="resolve">Resolves an absolute actor path (remoting's <c>ResolveActorRef</c>).</param>
    /// <param name="systemName">The actor system name, the same on every node.</param>
    public ClusterNodeRouterDirectory(string localNodeId, IActorRef localRouter, Func<CurrentClusterState> state,
        Func<string, IActorRef> resolve, string systemName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(localNodeId);
        ArgumentNullException.ThrowIfNull(localRouter);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(resolve);
        ArgumentException.ThrowIfNullOrWhiteSpace(systemName);
        this.localNodeId = localNodeId;
        this.localRouter = localRouter;
        this.state = state;
        this.resolve = resolve;
        this.systemName = systemName;
    }

    /// <summary>The router path of the member at <paramref name="node"/>.</summary>
    public static string RouterPath(string systemName, NodeAddress node) =>
        $"uc://{systemName}@{node.Host}:{node.Port}/user/{EdgeEffectRouter.Name}";

    public bool TryResolve(string nodeId, out IActorRef router)
    {
        if (string.Equals(nodeId, localNodeId, StringComparison.Ordinal))
        {
            router = localRouter;
            return true;
        }

        // The newest live incarnation carrying the name: a restarted node gets a new uid, its old row is Down.
        Member? best = null;
        foreach (var member in state().Members)
        {
            if (!member.Status.IsLive() || !string.Equals(member.NodeName, nodeId, StringComparison.Ordinal)) continue;
            if (best is null || member.JoinedAt > best.JoinedAt) best = member;
        }
        if (best is null)
        {
            router = ActorRefs.Nobody;
            return false;
        }

        router = routers.GetOrAdd(best.UniqueAddress, m => resolve(RouterPath(systemName, m.Address)));
        if (routers.Count > 64)
        {
            // Forget incarnations that are gone, so a long-running node does not collect them.
            var live = state().Members.Where(m => m.Status.IsLive()).Select(m => m.UniqueAddress).ToHashSet();
            foreach (var key in routers.Keys.Where(k => !live.Contains(k)).ToList()) routers.TryRemove(key, out _);
        }
        return true;
    }
}
