using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Membership;

/// <summary>Marker of everything membership publishes (Akka's <c>ClusterEvent.IClusterDomainEvent</c>).</summary>
public interface IClusterDomainEvent;

/// <summary>A member changed status; <see cref="Member"/> is the member as seen when the change was noticed.</summary>
public abstract record MemberStatusChange(Member Member) : IClusterDomainEvent;

/// <summary>A new incarnation registered (status Joining).</summary>
public sealed record MemberJoined(Member Member) : MemberStatusChange(Member);

/// <summary>The leader promoted a member to Up: it may now host shards of its roles.</summary>
public sealed record MemberUp(Member Member) : MemberStatusChange(Member);

/// <summary>A member asked to leave (status Leaving); its shards should be handed off.</summary>
public sealed record MemberLeft(Member Member) : MemberStatusChange(Member);

/// <summary>A leaving member holds no more leases and is shutting down (status Exiting).</summary>
public sealed record MemberExited(Member Member) : MemberStatusChange(Member);

/// <summary>A member was declared failed (heartbeat older than down-after, or downed by an operator); its leases are free.</summary>
public sealed record MemberDowned(Member Member) : MemberStatusChange(Member);

/// <summary>A member is gone for good. <paramref name="PreviousStatus"/> tells a graceful exit (Exiting) from a failure (Down).</summary>
public sealed record MemberRemoved(Member Member, MemberStatus PreviousStatus) : MemberStatusChange(Member);

/// <summary>Reachability of a member changed in this node's view.</summary>
public abstract record ReachabilityChange(Member Member) : IClusterDomainEvent;

/// <summary>
/// A member looks unreachable: a transport heartbeat timed out or its database heartbeat is older than
/// unreachable-after. Only a signal: downing is decided by the database heartbeat age alone.
/// </summary>
public sealed record UnreachableMember(Member Member) : ReachabilityChange(Member);

/// <summary>A member previously reported unreachable is reachable again.</summary>
public sealed record ReachableMember(Member Member) : ReachabilityChange(Member);

/// <summary>The leader (oldest Up member; the first joining node while none is Up) changed; null when there is none.</summary>
public sealed record LeaderChanged(UniqueAddress? Leader) : IClusterDomainEvent;

/// <summary>Why a node fenced itself.</summary>
public enum SelfFenceReason
{
    /// <summary>The node could not renew its own heartbeat within self-fence-timeout.</summary>
    HeartbeatTimeout,

    /// <summary>Shard-lease renewals kept failing for self-fence-timeout.</summary>
    LeaseRenewalTimeout,

    /// <summary>The database says this incarnation is Down or Removed (another node or an operator decided so).</summary>
    Downed,
}

/// <summary>
/// This node stopped acting as <paramref name="Self"/>: every entity it hosts must stop now, before another node may
/// take the shards (that is what keeps one entity on one node). Leases are no longer renewed and
/// <see cref="ShardLeaseStore.HoldsLease"/> answers false. The node comes back, if at all, as a new incarnation.
/// </summary>
public sealed record SelfFenced(UniqueAddress Self, SelfFenceReason Reason, TimeSpan SinceLastRenewal) : IClusterDomainEvent;

/// <summary>After fencing, the database was reachable again and the node joined as a new incarnation.</summary>
public sealed record SelfRejoined(UniqueAddress Previous, UniqueAddress Current) : IClusterDomainEvent;

/// <summary>
/// The membership as this node knows it, sent first to every new subscriber (Akka's InitialStateAsSnapshot) so it
/// never has to combine a query with a subscription itself.
/// </summary>
/// <param name="Members">Members not yet removed, oldest first.</param>
/// <param name="Unreachable">Members this node currently considers unreachable.</param>
/// <param name="Leader">The current leader, if any.</param>
/// <param name="Self">This node's own member entry, if it has joined.</param>
public sealed record CurrentClusterState(
    IReadOnlyList<Member> Members,
    IReadOnlyList<Member> Unreachable,
    UniqueAddress? Leader,
    Member? Self) : IClusterDomainEvent
{
    public static CurrentClusterState Empty { get; } = new([], [], null, null);
}
