using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Membership;

/// <summary>
/// Turns two successive views of the member table into the events subscribers see, in a fixed order: status changes
/// (oldest member first), then removals, then reachability changes, then a leader change. Nodes read the table
/// periodically and may skip an intermediate status; the graceful path Joining -> Up -> Leaving -> Exiting is filled in
/// so that a subscriber always sees, for example, <see cref="MemberLeft"/> before <see cref="MemberExited"/>.
/// </summary>
internal static class MembershipDiff
{
    public static List<IClusterDomainEvent> Compute(
        IReadOnlyDictionary<UniqueAddress, Member> before,
        IReadOnlyDictionary<UniqueAddress, Member> after,
        UniqueAddress? leaderBefore,
        UniqueAddress? leaderAfter)
    {
        var events = new List<IClusterDomainEvent>();
        foreach (var member in after.Values.OrderBy(m => m, Member.AgeOrder))
        {
            before.TryGetValue(member.UniqueAddress, out var old);
            if (old is not null && old.Status == member.Status) continue;
            AddStatusEvents(events, old?.Status, member);
        }
        foreach (var gone in before.Values.Where(m => !after.ContainsKey(m.UniqueAddress)).OrderBy(m => m, Member.AgeOrder))
            events.Add(new MemberRemoved(gone with { Status = MemberStatus.Removed }, gone.Status));
        foreach (var member in after.Values.OrderBy(m => m, Member.AgeOrder))
        {
            if (!member.Status.IsLive()) continue;
            var wasReachable = !before.TryGetValue(member.UniqueAddress, out var old) || !old.Status.IsLive() || old.IsReachable;
            if (wasReachable && !member.IsReachable) events.Add(new UnreachableMember(member));
            else if (!wasReachable && member.IsReachable) events.Add(new ReachableMember(member));
        }
        if (leaderBefore != leaderAfter) events.Add(new LeaderChanged(leaderAfter));
        return events;
    }

    /// <summary>
    /// The leader: the oldest Up or Leaving member; while there is none, the earliest Joining member (the first node
    /// promotes itself and whoever joined with it). Every node computes the same answer from the same rows.
    /// </summary>
    public static UniqueAddress? Leader(IEnumerable<Member> members)
    {
        Member? best = null;
        Member? firstJoining = null;
        foreach (var m in members)
        {
            if (m.Status is MemberStatus.Up or MemberStatus.Leaving)
            {
                if (best is null || Member.AgeOrder.Compare(m, best) < 0) best = m;
            }
            else if (m.Status == MemberStatus.Joining && (firstJoining is null || Member.AgeOrder.Compare(m, firstJoining) < 0))
            {
                firstJoining = m;
            }
        }
        return (best ?? firstJoining)?.UniqueAddress;
    }

    private static void AddStatusEvents(List<IClusterDomainEvent> events, MemberStatus? from, Member member)
    {
        switch (member.Status)
        {
            case MemberStatus.Down:
                events.Add(new MemberDowned(member));
                return;
            case MemberStatus.Removed:
                return; // removed rows are left out of the view; their removal is reported as a disappearance
        }
        var start = from is null ? -1 : Step(from.Value);
        var end = Step(member.Status);
        for (var step = start + 1; step <= end; step++)
        {
            switch (step)
            {
                case 0:
                    events.Add(new MemberJoined(member with { Status = MemberStatus.Joining, UpNumber = null }));
                    break;
                case 1 when member.UpNumber is not null:
                    events.Add(new MemberUp(member with { Status = MemberStatus.Up }));
                    break;
                case 2:
                    events.Add(new MemberLeft(member with { Status = MemberStatus.Leaving }));
                    break;
                case 3:
                    events.Add(new MemberExited(member));
                    break;
            }
        }
    }

    private static int Step(MemberStatus status) => status switch
    {
        MemberStatus.Joining => 0,
        MemberStatus.Up => 1,
        MemberStatus.Leaving => 2,
        MemberStatus.Exiting => 3,
        _ => 4,
    };
}
