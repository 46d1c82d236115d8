using Cluster.Runtime.Membership;
using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Tests.Membership;

public sealed class RendezvousHashingTests
{
    private static Member Up(int i, params string[] roles) => new(
        new UniqueAddress(new NodeAddress($"10.0.0.{i}", 4053), 1000 + i), $"node-{i}", MemberStatus.Up, roles, "1", i,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, TimeSpan.Zero, [], true);

    private static readonly string[] Shards = Enumerable.Range(0, 10_000).Select(i => i.ToString()).ToArray();

    [Fact]
    public void Owner_does_not_depend_on_member_order_or_incarnation()
    {
        var members = Enumerable.Range(1, 5).Select(i => Up(i)).ToList();
        var reversed = members.AsEnumerable().Reverse().ToList();
        var restarted = members.Select(m => m with { UniqueAddress = m.UniqueAddress with { Uid = 7 } }).ToList();
        foreach (var shard in Shards.Take(500))
        {
            Assert.Equal(RendezvousHashing.Owner(shard, members)!.Address, RendezvousHashing.Owner(shard, reversed)!.Address);
            Assert.Equal(RendezvousHashing.Owner(shard, members)!.Address, RendezvousHashing.Owner(shard, restarted)!.Address);
        }
        Assert.Null(RendezvousHashing.Owner("1", []));
    }

    [Fact]
    public void Hash_is_a_stable_fnv1a_over_utf8()
    {
        // FNV-1a 64 reference values: "" -> offset basis, "a" -> 0xaf63dc4c8601ec8c.
        Assert.Equal(14695981039346656037UL, RendezvousHashing.Hash(14695981039346656037UL, ""));
        Assert.Equal(0xaf63dc4c8601ec8cUL, RendezvousHashing.Hash(14695981039346656037UL, "a"));
    }

    [Fact]
    public void Shards_spread_evenly_over_members()
    {
        var members = Enumerable.Range(1, 5).Select(i => Up(i)).ToList();
        var counts = RendezvousHashing.DesiredOwners(Shards, members).GroupBy(kv => kv.Value.Address).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(5, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 1700, 2300)); // 2000 each, +-15 %
    }

    [Fact]
    public void Adding_a_member_moves_about_one_in_n_plus_1_shards_and_only_to_the_new_member()
    {
        var members = Enumerable.Range(1, 4).Select(i => Up(i)).ToList();
        var before = RendezvousHashing.DesiredOwners(Shards, members);
        var newcomer = Up(5);
        var after = RendezvousHashing.DesiredOwners(Shards, [.. members, newcomer]);

        var moved = Shards.Where(s => before[s].Address != after[s].Address).ToList();
        Assert.All(moved, s => Assert.Equal(newcomer.Address, after[s].Address));
        Assert.InRange(moved.Count, 1700, 2300); // 1/5 of 10,000
    }

    [Fact]
    public void Removing_a_member_moves_only_its_own_shards()
    {
        var members = Enumerable.Range(1, 5).Select(i => Up(i)).ToList();
        var before = RendezvousHashing.DesiredOwners(Shards, members);
        var after = RendezvousHashing.DesiredOwners(Shards, members.Where(m => m.Address != members[2].Address).ToList());
        Assert.All(Shards.Where(s => before[s].Address != after[s].Address), s => Assert.Equal(members[2].Address, before[s].Address));
    }

    [Fact]
    public void Eligible_keeps_Up_members_with_the_role()
    {
        var members = new[] { Up(1, "sip"), Up(2, "web"), Up(3, "sip") with { Status = MemberStatus.Leaving }, Up(4, "sip", "web") };
        Assert.Equal([members[0].Address, members[3].Address], RendezvousHashing.Eligible(members, "sip").Select(m => m.Address));
        Assert.Equal(3, RendezvousHashing.Eligible(members, null).Count);
    }
}
