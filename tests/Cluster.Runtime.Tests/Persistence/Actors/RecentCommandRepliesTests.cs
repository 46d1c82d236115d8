using Cluster.Runtime.Persistence;

namespace Cluster.Runtime.Tests.Persistence.Actors;

public class RecentCommandRepliesTests
{
    [Fact]
    public void A_duplicate_command_id_gets_the_first_reply()
    {
        var replies = new RecentCommandReplies<string>(3);
        Assert.True(replies.Remember("cmd-1", "accepted"));
        Assert.False(replies.Remember("cmd-1", "accepted again"));
        Assert.True(replies.TryGetReply("cmd-1", out var reply));
        Assert.Equal("accepted", reply);
        Assert.False(replies.TryGetReply("cmd-2", out _));
    }

    [Fact]
    public void The_oldest_remembered_id_falls_out_first_and_lookups_do_not_refresh()
    {
        var replies = new RecentCommandReplies<int>(2);
        replies.Remember("a", 1);
        replies.Remember("b", 2);
        Assert.True(replies.TryGetReply("a", out _));
        replies.Remember("c", 3);
        Assert.False(replies.TryGetReply("a", out _));
        Assert.True(replies.TryGetReply("b", out _));
        Assert.Equal(2, replies.Count);
    }

    [Fact]
    public void Entries_round_trip_through_a_snapshot_in_order()
    {
        var replies = new RecentCommandReplies<int>(3);
        foreach (var (id, n) in new[] { ("a", 1), ("b", 2), ("c", 3), ("d", 4) }) replies.Remember(id, n);
        var restored = new RecentCommandReplies<int>(3, replies.Entries);
        Assert.Equal(["b", "c", "d"], restored.Entries.Select(e => e.Key));
        restored.Remember("e", 5);
        Assert.False(restored.TryGetReply("b", out _));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecentCommandReplies<int>(0));
        Assert.Throws<ArgumentException>(() => new RecentCommandReplies<int>(1).Remember("", 1));
    }
}
