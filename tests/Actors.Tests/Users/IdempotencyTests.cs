using Cluster.Actors.Users;
using static Cluster.Actors.Tests.Users.UserTestKit;

namespace Cluster.Actors.Tests.Users;

public sealed class IdempotencyTests
{
    [Fact]
    public void Duplicate_command_id_returns_the_first_reply_and_acts_once()
    {
        var kit = Created();
        var first = kit.Ok(new SendMessage("m1", Bob, "hi") { CommandId = "web-req-17" });
        Assert.Equal(new CommandRecorded("web-req-17", first.Reply), first.Events[^1]);

        var again = kit.Send(new SendMessage("m2", Bob, "a different body, same id") { CommandId = "web-req-17" });

        Assert.True(again.IsDuplicate);
        Assert.Equal(first.Reply, again.Reply);
        Assert.Empty(again.Events);
        Assert.Empty(again.Effects);
        Assert.Single(kit.State.Chat.Messages);
    }

    [Fact]
    public void Journaled_replies_survive_a_failover()
    {
        var kit = Created();
        var first = kit.Ok(new SetPresence(Availability.Busy) { CommandId = "cmd-1" });
        var recovered = UserState.Replay(Alice, kit.Journal);

        var again = kit.Decider.Decide(recovered, new SetPresence(Availability.Away) { CommandId = "cmd-1" }, kit.Now);

        Assert.True(again.IsDuplicate);
        Assert.Equal(first.Reply, again.Reply);
    }

    [Fact]
    public void A_rejection_is_remembered_ephemerally_and_repeated_for_the_same_id()
    {
        var kit = Created();
        kit.Ok(Register("call-1", 5, Contact()));
        var rejected = kit.Send(Register("call-1", 4, Contact()) with { CommandId = "reg-1" });
        Assert.IsType<CommandAnswered>(Assert.Single(rejected.Ephemeral));

        // even though the same request would now succeed with another id, the resend gets the first answer
        var again = kit.Send(Register("call-1", 4, Contact()) with { CommandId = "reg-1" });
        Assert.True(again.IsDuplicate);
        Assert.Equal(rejected.Reply, again.Reply);
    }

    [Fact]
    public void A_refresh_with_an_id_is_answered_without_journaling()
    {
        var kit = Created();
        kit.Ok(Register("call-1", 1, Contact()));
        var refresh = kit.Ok(Register("call-1", 2, Contact()) with { CommandId = "reg-2" });
        Assert.Empty(refresh.Events);
        Assert.Contains(refresh.Ephemeral, c => c is CommandAnswered { CommandId: "reg-2" });
        Assert.True(kit.Send(Register("call-1", 2, Contact()) with { CommandId = "reg-2" }).IsDuplicate);
    }

    [Fact]
    public void The_log_keeps_the_most_recent_ids_up_to_its_capacity()
    {
        var log = RecentCommands.Empty;
        for (var i = 0; i < RecentCommands.Capacity + 10; i++)
        {
            log = log.Add($"id-{i}", new ChatAccepted($"m{i}", i, T0, false));
        }

        Assert.Equal(RecentCommands.Capacity, log.Entries.Count);
        Assert.Null(log.Find("id-9"));
        Assert.NotNull(log.Find("id-10"));
        Assert.NotNull(log.Find($"id-{RecentCommands.Capacity + 9}"));
    }

    [Fact]
    public void Effects_carry_stable_command_ids_so_peers_can_deduplicate()
    {
        var kit = Created();
        kit.Ok(new SendMessage("m1", Bob, "hi"));
        Assert.Equal("chat/m1", kit.Effect<TellUser>().Command.CommandId);
    }

    [Fact]
    public void Commands_without_an_id_are_not_recorded()
    {
        var kit = Created();
        var decision = kit.Ok(new SetNote("x"));
        Assert.DoesNotContain(decision.Events, e => e is CommandRecorded);
        Assert.Empty(kit.State.Commands.Entries);
    }
}
