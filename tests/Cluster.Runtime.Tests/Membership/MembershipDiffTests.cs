using Cluster.Runtime.Membership;
using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Tests.Membership;

public sealed class MembershipDiffTests
{
    private static Member M(int i, MemberStatus status, long? up = null, bool reachable = true) => new(
        new UniqueAddress(new NodeAddress("10.0.0.1", 4000 + i), i), $"n{i}", status, [], "1", up,
        DateTimeOffset.UnixEpoch.AddSeconds(i), DateTimeOffset.UnixEpoch, TimeSpan.Zero, [], reachable);

    private static Dictionary<UniqueAddress, Member> View(params Member[] members) => members.ToDictionary(m => m.UniqueAddress);

    [Fact]
    public void Skipped_graceful_states_are_filled_in_order()
    {
        var events = MembershipDiff.Compute(View(M(1, MemberStatus.Up, 1)), View(M(1, MemberStatus.Exiting, 1)), null, null);
        Assert.Equal(["MemberLeft", "MemberExited"], events.Select(e => e.GetType().Name));
    }

    [Fact]
    public void New_member_first_seen_Up_is_reported_Joined_then_Up()
    {
        var events = MembershipDiff.Compute(View(), View(M(1, MemberStatus.Up, 1)), null, null);
        Assert.Equal(["MemberJoined", "MemberUp"], events.Select(e => e.GetType().Name));
    }

    [Fact]
    public void Disappeared_member_is_removed_with_its_previous_status_and_reachability_follows_status_events()
    {
        var events = MembershipDiff.Compute(
            View(M(1, MemberStatus.Up, 1), M(2, MemberStatus.Down, 2)),
            View(M(1, MemberStatus.Up, 1, reachable: false)), null, null);
        Assert.Equal(["MemberRemoved", "UnreachableMember"], events.Select(e => e.GetType().Name));
        Assert.Equal(MemberStatus.Down, ((MemberRemoved)events[0]).PreviousStatus);
    }

    [Fact]
    public void Leader_is_the_lowest_up_number_and_falls_back_to_the_first_joining()
    {
        Assert.Equal(M(2, MemberStatus.Up).UniqueAddress,
            MembershipDiff.Leader([M(1, MemberStatus.Joining), M(3, MemberStatus.Up, 7), M(2, MemberStatus.Leaving, 5), M(4, MemberStatus.Down, 1)]));
        Assert.Equal(M(1, MemberStatus.Joining).UniqueAddress, MembershipDiff.Leader([M(2, MemberStatus.Joining), M(1, MemberStatus.Joining)]));
        Assert.Null(MembershipDiff.Leader([M(1, MemberStatus.Down, 1)]));
    }
}
