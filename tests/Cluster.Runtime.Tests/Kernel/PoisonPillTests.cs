using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Tests.Kernel;

public class PoisonPillTests : KernelTestKit
{
    private sealed class Echo(IActorRef probe) : UntypedActor
    {
        protected override void OnReceive(object message) => probe.Tell(message, Self);
        protected override void PostStop() => probe.Tell("postStop", Self);
    }

    [Fact]
    public async Task PoisonPill_stops_after_the_messages_sent_before_it()
    {
        var probe = CreateProbe();
        var deadLetters = CreateProbe();
        Sys.EventStream.Subscribe<DeadLetter>(deadLetters.Ref);
        var actor = Sys.ActorOf(Props.Create(() => new Echo(probe.Ref)));
        actor.Tell(1, null);
        actor.Tell(2, null);
        actor.Tell(PoisonPill.Instance, null);
        await probe.ExpectMsgAsync(1);
        await probe.ExpectMsgAsync(2);
        await probe.ExpectMsgAsync("postStop");
        await ExpectTerminated(actor);
        actor.Tell(3, null);
        var dead = await deadLetters.ExpectMsgAsync<DeadLetter>();
        Assert.Equal(3, dead.Message);
    }

    [Fact]
    public async Task Identify_is_answered_with_the_actor_reference()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Echo(ActorRefs.Nobody)), "known");
        var identity = await actor.Ask<ActorIdentity>(new Identify("id-1"));
        Assert.Equal("id-1", identity.MessageId);
        Assert.Equal(actor, identity.Subject);
    }
}
