namespace Cluster.Runtime.Sharding;

/// <summary>
/// Lets placement veto and observe entity activations: a shard asks <see cref="MayActivate"/> before it starts an
/// entity (the cluster locator answers true only while this node holds the shard's lease, so an entity never starts
/// on a node that has lost its shard) and reports every start and stop (for the double-activation detector). A
/// region passes its locator to its shards as the guard when the locator implements this interface.
/// </summary>
/// <remarks>Called on the shard's thread for every activation: implementations must be cheap and must not block.</remarks>
public interface IEntityActivationGuard
{
    /// <summary>Whether an entity of <paramref name="shardId"/> may start now; when not, <paramref name="reason"/> says why.</summary>
    bool MayActivate(string typeName, string shardId, out string reason);

    /// <summary>An entity was started.</summary>
    void EntityActivated(string typeName, string shardId, string entityId);

    /// <summary>An entity has terminated (whatever the cause).</summary>
    void EntityDeactivated(string typeName, string shardId, string entityId);
}
