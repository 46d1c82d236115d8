using Cluster.Actors.Calls;
using static Cluster.Actors.Tests.Calls.CallTestKit;

namespace Cluster.Actors.Tests.Calls;

public sealed class CallIdempotencyTests
{
    [Fact]
    public void A_resent_command_gets_the_first_reply_and_acts_once()
    {
        var kit = new CallTestKit();
        kit.Connected();
        var first = kit.Ok(new ReceiveBye("a", 2, "tx-bye") { CommandId = "tx-bye" });
        Assert.Contains(first.Events, e => e is CallCommandRecorded { CommandId: "tx-bye" });

        var again = kit.Send(new ReceiveBye("a", 2, "tx-bye") { CommandId = "tx-bye" });

        Assert.True(again.IsDuplicate);
        Assert.Equal(first.Reply, again.Reply);
        Assert.Empty(again.Events);
        Assert.Empty(again.Effects);
    }

    [Fact]
    public void A_journaled_reply_survives_recovery_and_an_ephemeral_one_does_not_need_to()
    {
        var kit = new CallTestKit();
        kit.Ok(StartCallToBob());
        var recovered = CallState.Replay(kit.CallId, kit.Journal);
        var duplicate = kit.Decider.Decide(recovered, StartCallToBob(), T0);
        Assert.True(duplicate.IsDuplicate);
        Assert.IsType<CallAccepted>(duplicate.Reply);

        kit.Ok(new TargetsResolved(kit.LookupId, Targets(Binding("sip:bob@192.0.2.2"))) { CommandId = "lookup-1" });
        Assert.Empty(kit.Last.Events);
        Assert.True(kit.Send(new TargetsResolved(kit.LookupId, Targets()) { CommandId = "lookup-1" }).IsDuplicate);
    }

    [Fact]
    public void A_rejected_command_with_an_id_is_answered_the_same_way_again()
    {
        var kit = new CallTestKit();
        kit.Connected();
        var first = kit.Send(new ReceiveRefer("a", 2, "tx", "bad uri") { CommandId = "refer-1" });
        var again = kit.Send(new ReceiveRefer("a", 3, "tx", "sip:carol@example.com") { CommandId = "refer-1" });
        Assert.True(again.IsDuplicate);
        Assert.Equal(first.Reply, again.Reply);
        Assert.Null(kit.State.Transfer);
    }

    [Fact]
    public void The_log_keeps_the_most_recent_ids()
    {
        var log = CallRecentCommands.Empty;
        for (var i = 0; i < CallRecentCommands.Capacity + 5; i++)
        {
            log = log.Add($"c{i}", new CallAccepted(CallPhase.Answered));
        }

        Assert.Equal(CallRecentCommands.Capacity, log.Entries.Count);
        Assert.Null(log.Find("c0"));
        Assert.NotNull(log.Find($"c{CallRecentCommands.Capacity + 4}"));
    }
}
