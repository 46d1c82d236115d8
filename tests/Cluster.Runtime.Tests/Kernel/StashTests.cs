using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Tests.Kernel;

public class StashTests : KernelTestKit
{
    /// <summary>Stashes everything until "open", then unstashes all and forwards what it processes to the probe.</summary>
    private sealed class Gate : ReceiveActor, IWithStash
    {
        public IStash Stash { get; set; } = null!;

        public Gate(IActorRef probe)
        {
            Receive<string>(s => s == "open", _ =>
            {
                Become(() => Receive<string>(s =>
                {
                    if (s == "fail") throw new InvalidOperationException("restart me");
                    probe.Tell(s, Self);
                }));
                Stash.UnstashAll();
            });
            Receive<string>(s => s == "one", _ =>
            {
                Stash.Unstash();
            });
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart me"));
            Receive<string>(s => s == "count", _ => probe.Tell(Stash.Count, Self));
            ReceiveAny(_ => Stash.Stash());
        }
    }

    [Fact]
    public async Task UnstashAll_replays_stashed_messages_in_order_before_later_ones()
    {
        var probe = CreateProbe();
        var gate = Sys.ActorOf(Props.Create(() => new Gate(probe.Ref)));
        gate.Tell("a", null);
        gate.Tell("b", null);
        gate.Tell("c", null);
        gate.Tell("open", null);
        gate.Tell("d", null);
        foreach (var expected in new[] { "a", "b", "c", "d" }) await probe.ExpectMsgAsync(expected);
    }

    [Fact]
    public async Task Stash_keeps_the_original_sender()
    {
        var probe = CreateProbe();
        var other = CreateProbe();
        var gate = Sys.ActorOf(Props.Create(() => new Gate(probe.Ref)));
        gate.Tell("x", other.Ref);
        gate.Tell("open", null);
        await probe.ExpectMsgAsync("x");
        Assert.Equal(gate, probe.LastSender);
    }

    private sealed class OneByOne : ReceiveActor, IWithStash
    {
        public IStash Stash { get; set; } = null!;

        public OneByOne(IActorRef probe)
        {
            Receive<int>(n => Stash.Stash());
            Receive<string>(s => s == "release", _ =>
            {
                Stash.Unstash();
                BecomeStacked(() =>
                {
                    Receive<int>(n =>
                    {
                        probe.Tell(n, Self);
                        UnbecomeStacked();
                    });
                    Receive<string>(_ => Stash.Stash());
                });
            });
        }
    }

    [Fact]
    public async Task Unstash_returns_only_the_oldest_message()
    {
        var probe = CreateProbe();
        var actor = Sys.ActorOf(Props.Create(() => new OneByOne(probe.Ref)));
        actor.Tell(1, null);
        actor.Tell(2, null);
        actor.Tell("release", null);
        await probe.ExpectMsgAsync(1);
        actor.Tell("release", null);
        await probe.ExpectMsgAsync(2);
    }

    [Fact]
    public async Task Stashed_messages_survive_a_restart()
    {
        var probe = CreateProbe();
        var gate = Sys.ActorOf(Props.Create(() => new Gate(probe.Ref)));
        gate.Tell("a", null);
        gate.Tell("b", null);
        gate.Tell("fail", null);   // restart: the stash goes back to the head of the mailbox
        gate.Tell("count", null);  // the new instance stashes a and b again before it sees this
        await probe.ExpectMsgAsync(2, because: "a and b were unstashed into the new incarnation and stashed again");
        gate.Tell("open", null);
        await probe.ExpectMsgAsync("a");
        await probe.ExpectMsgAsync("b");
    }

    [Fact]
    public async Task Stashed_messages_become_dead_letters_when_the_actor_stops()
    {
        var probe = CreateProbe();
        var gate = Sys.ActorOf(Props.Create(() => new Gate(probe.Ref)));
        gate.Tell("a", null);
        gate.Tell("b", null);
        gate.Tell(PoisonPill.Instance, null);
        await ExpectTerminated(gate);
        Assert.Equal(2, Sys.DeadLetterCount);
    }
}
