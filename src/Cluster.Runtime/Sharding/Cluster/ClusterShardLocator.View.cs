using Cluster.Runtime.Kernel;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Sharding.Cluster;

/// <summary>The membership view placement is computed from, and who is eligible to host shards.</summary>
public sealed partial class ClusterShardLocator
{
    private readonly Dictionary<UniqueAddress, Member> members = [];

    /// <summary>When this node first saw each member Up (local timestamp), or <see cref="long.MinValue"/> for members settled from the start.</summary>
    private readonly Dictionary<UniqueAddress, long> upSeen = [];

    private readonly Dictionary<(UniqueAddress Member, string Type), IActorRef> regionCache = [];

    /// <summary>
    /// Set when coordinated shutdown has marked this node Leaving: while the other nodes have not all read that yet,
    /// it keeps serving as if Up (shards moved now would bounce between its new and stale views).
    /// </summary>
    private bool leaveRequested;

    /// <summary>True once the others have had time to see this node Leaving: it places nothing on itself and hands everything off.</summary>
    private bool leaving;

    /// <summary>
    /// Membership events arrive on membership's thread, under its lock: only bookkeeping and tells happen here. Fencing
    /// is acted on at once (entities stop before anyone may take their shards); the rest wakes the loop.
    /// </summary>
    private void OnClusterEvent(IClusterDomainEvent e)
    {
        lock (gate)
        {
            if (disposed) return;
            switch (e)
            {
                case CurrentClusterState state:
                    members.Clear();
                    foreach (var m in state.Members)
                    {
                        members[m.UniqueAddress] = m;
                        if (m.Status == MemberStatus.Up) upSeen[m.UniqueAddress] = long.MinValue;
                    }
                    break;
                case MemberUp up:
                    members[up.Member.UniqueAddress] = up.Member;
                    upSeen[up.Member.UniqueAddress] = SettledAtOnce(up.Member) ? long.MinValue : time.GetTimestamp();
                    break;
                case MemberRemoved removed:
                    members.Remove(removed.Member.UniqueAddress);
                    upSeen.Remove(removed.Member.UniqueAddress);
                    foreach (var key in regionCache.Keys.Where(k => k.Member == removed.Member.UniqueAddress).ToList()) regionCache.Remove(key);
                    break;
                case MemberStatusChange change:
                    members[change.Member.UniqueAddress] = change.Member;
                    break;
                case SelfFenced f:
                    OnFencedLocked(f);
                    break;
                case SelfRejoined r:
                    self = r.Current;
                    fenced = false;
                    log.Information("Cluster placement resumes as {Self}: shards that hash here are taken again once it is Up", r.Current);
                    break;
                default:
                    return; // reachability and leader changes do not move shards
            }
            SignalLocked();
        }
    }

    /// <summary>
    /// A member older than this node (or any member while this node is not Up yet) has certainly seen its own status;
    /// only members promoted after this node wait <see cref="SettleTime"/> before they receive shards.
    /// </summary>
    private bool SettledAtOnce(Member member)
    {
        if (member.UniqueAddress == self) return true;
        return !members.TryGetValue(self, out var me) || me.UpNumber is null || member.UpNumber is null || member.UpNumber < me.UpNumber;
    }

    /// <summary>Members that may host shards of <paramref name="role"/> now: Up, with the role, settled, and not this node once it is leaving.</summary>
    private List<Member> EligibleLocked(string? role)
    {
        var now = time.GetTimestamp();
        var eligible = new List<Member>(members.Count);
        foreach (var m in members.Values.OrderBy(m => m.Address))
        {
            if (!string.IsNullOrEmpty(role) && !m.HasRole(role)) continue;
            if (m.UniqueAddress == self)
            {
                if (!leaving && (m.Status == MemberStatus.Up || (leaveRequested && m.Status == MemberStatus.Leaving))) eligible.Add(m);
            }
            else if (m.Status != MemberStatus.Up)
            {
                continue;
            }
            else if (upSeen.TryGetValue(m.UniqueAddress, out var seen) && (seen == long.MinValue || time.GetElapsedTime(seen, now) >= SettleTime))
            {
                eligible.Add(m);
            }
        }
        return eligible;
    }

    private Member? OwnerLocked(TypePlacement type, string shardId) =>
        RendezvousHashing.Owner(ShardKey(type.TypeName, shardId), EligibleLocked(type.Settings.Role));

    private static string PlacementKey(List<Member> eligible, bool isLeaving) =>
        (isLeaving ? "leaving|" : "") + string.Join(",", eligible.Select(m => m.UniqueAddress.ToString()));

    /// <summary>The region of <paramref name="typeName"/> on <paramref name="member"/> (this node's own region for itself), cached per incarnation.</summary>
    private IActorRef? ResolveRegion(UniqueAddress member, string typeName)
    {
        lock (gate)
        {
            if (member == self && types.TryGetValue(typeName, out var own)) return own.Region;
            if (regionCache.TryGetValue((member, typeName), out var cached)) return cached;
        }
        IActorRef? region;
        try
        {
            region = resolver.ResolveRegion(member, typeName);
        }
        catch (Exception e)
        {
            log.Warning(e, "Resolving the region of {TypeName} on {Member} failed", typeName, member);
            return null;
        }
        if (region is null) return null;
        lock (gate)
        {
            if (members.ContainsKey(member)) regionCache[(member, typeName)] = region;
        }
        return region;
    }

    /// <summary>Regions of every live member with the type's role except this node (the targets of BeginHandOff).</summary>
    private List<UniqueAddress> OtherLiveMembersLocked(string? role) =>
        members.Values.Where(m => m.Status.IsLive() && m.UniqueAddress != self && (string.IsNullOrEmpty(role) || m.HasRole(role)))
            .Select(m => m.UniqueAddress).ToList();
}
