using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Tests.Kernel;

public class DeadLetterTests : KernelTestKit
{
    public DeadLetterTests() : base(s => s with { DeadLetterLogCount = 3, DeadLetterLogSuppressionInterval = TimeSpan.FromSeconds(30) }) { }

    private sealed class Sink : UntypedActor
    {
        protected override void OnReceive(object message) { }
    }

    [Fact]
    public async Task Message_to_a_stopped_actor_is_counted_and_published_as_a_dead_letter()
    {
        var probe = CreateProbe();
        Sys.EventStream.Subscribe<DeadLetter>(probe.Ref);
        var actor = Sys.ActorOf(Props.Create<Sink>(), "gone");
        Sys.Stop(actor);
        await ExpectTerminated(actor);
        actor.Tell("hello", probe.Ref);
        var dead = await probe.ExpectMsgAsync<DeadLetter>();
        Assert.Equal("hello", dead.Message);
        Assert.Equal(actor, dead.Recipient);
        Assert.Equal(probe.Ref, dead.Sender);
        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public async Task Message_to_Nobody_is_a_dead_letter()
    {
        var probe = CreateProbe();
        Sys.EventStream.Subscribe<DeadLetter>(probe.Ref);
        ActorRefs.Nobody.Tell("to nobody", probe.Ref);
        var dead = await probe.ExpectMsgAsync<DeadLetter>();
        Assert.Equal("to nobody", dead.Message);
        Assert.Equal(ActorRefs.Nobody, dead.Recipient);
        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public async Task Messages_queued_when_an_actor_stops_become_dead_letters()
    {
        var gate = new ManualResetEventSlim();
        var entered = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new Blocking(entered, gate)));
        actor.Tell("block", null);
        Assert.True(entered.Wait(Deadline), "the actor should start the blocking message");
        actor.Tell(PoisonPill.Instance, null);
        for (var i = 0; i < 5; i++) actor.Tell(i, null);
        gate.Set();
        await ExpectTerminated(actor);
        await AwaitCondition(() => Sys.DeadLetterCount == 5, "the 5 messages behind the PoisonPill are dead letters");
    }

    private sealed class Blocking(ManualResetEventSlim entered, ManualResetEventSlim gate) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is not "block") return;
            entered.Set();
            gate.Wait(Deadline);
        }
    }

    [Fact]
    public async Task Dead_letter_logging_is_rate_limited_with_a_summary_per_interval()
    {
        var probe = CreateProbe();
        Sys.EventStream.Subscribe<DeadLetter>(probe.Ref);
        for (var i = 0; i < 10; i++) ActorRefs.Nobody.Tell(i, probe.Ref);
        for (var i = 0; i < 10; i++) await probe.ExpectMsgAsync<DeadLetter>();
        Assert.Equal(3, Logs.Matching("was not delivered").Count());
        Assert.Empty(Logs.Matching("were not logged"));

        Time.Advance(TimeSpan.FromSeconds(31));
        ActorRefs.Nobody.Tell("after interval", probe.Ref);
        await probe.ExpectMsgAsync<DeadLetter>();
        var summary = Assert.Single(Logs.Matching("were not logged"));
        Assert.Equal("8", summary.Properties["Suppressed"].ToString());
        Assert.Equal(11, Sys.DeadLetterCount);
    }
}
