using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Tests.Kernel;

public class DeathWatchTests : KernelTestKit
{
    private sealed record WatchIt(IActorRef Subject, object? Custom = null);
    private sealed record UnwatchIt(IActorRef Subject);

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef probe)
        {
            Receive<WatchIt>(w =>
            {
                if (w.Custom is null) Context.Watch(w.Subject);
                else Context.WatchWith(w.Subject, w.Custom);
                Sender.Tell("watching", Self);
            });
            Receive<UnwatchIt>(u =>
            {
                Context.Unwatch(u.Subject);
                Sender.Tell("unwatched", Self);
            });
            Receive<Terminated>(t => probe.Tell(t, Self));
            ReceiveAny(m => probe.Tell(m, Self));
        }
    }

    private sealed class Idle : UntypedActor
    {
        protected override void OnReceive(object message) { }
    }

    [Fact]
    public async Task Watcher_gets_Terminated_exactly_once()
    {
        var probe = CreateProbe();
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe.Ref)));
        var subject = Sys.ActorOf(Props.Create<Idle>());
        await watcher.Ask<string>(new WatchIt(subject));
        await watcher.Ask<string>(new WatchIt(subject));   // watching twice still yields one Terminated
        Sys.Stop(subject);
        var t = await probe.ExpectMsgAsync<Terminated>();
        Assert.Equal(subject, t.ActorRef);
        Assert.True(t.ExistenceConfirmed);
        watcher.Tell("marker", null);
        await probe.ExpectMsgAsync("marker", because: "Terminated is delivered only once");
    }

    [Fact]
    public async Task Watching_an_already_dead_actor_yields_Terminated()
    {
        var probe = CreateProbe();
        var subject = Sys.ActorOf(Props.Create<Idle>());
        Sys.Stop(subject);
        await ExpectTerminated(subject);
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe.Ref)));
        await watcher.Ask<string>(new WatchIt(subject));
        var t = await probe.ExpectMsgAsync<Terminated>();
        Assert.Equal(subject, t.ActorRef);
    }

    [Fact]
    public async Task Watching_a_path_where_nothing_lives_yields_Terminated_without_existence()
    {
        var probe = CreateProbe();
        var missing = Sys.ResolveActorRef("/user/never-created");
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe.Ref)));
        await watcher.Ask<string>(new WatchIt(missing));
        var t = await probe.ExpectMsgAsync<Terminated>();
        Assert.False(t.ExistenceConfirmed);
    }

    [Fact]
    public async Task Unwatched_actor_does_not_deliver_Terminated()
    {
        var probe = CreateProbe();
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe.Ref)));
        var subject = Sys.ActorOf(Props.Create<Idle>());
        await watcher.Ask<string>(new WatchIt(subject));
        await watcher.Ask<string>(new UnwatchIt(subject));
        Sys.Stop(subject);
        await ExpectTerminated(subject);
        watcher.Tell("marker", null);
        await probe.ExpectMsgAsync("marker", because: "an unwatched actor's death is not reported");
    }

    [Fact]
    public async Task WatchWith_delivers_the_custom_message()
    {
        var probe = CreateProbe();
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe.Ref)));
        var subject = Sys.ActorOf(Props.Create<Idle>());
        await watcher.Ask<string>(new WatchIt(subject, "subject-gone"));
        Sys.Stop(subject);
        await probe.ExpectMsgAsync("subject-gone");
    }

    private sealed class Unprepared : UntypedActor
    {
        private readonly IActorRef subject;

        public Unprepared(IActorRef subject)
        {
            this.subject = subject;
            Context.Watch(subject);
        }

        protected override void OnReceive(object message)
        {
            if (message is Terminated t) Unhandled(t);
        }
    }

    [Fact]
    public async Task Unhandled_Terminated_is_a_death_pact_that_stops_the_watcher()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        var watcher = Sys.ActorOf(Props.Create(() => new Unprepared(subject)));
        await watcher.Ask<ActorIdentity>(new Identify(1));
        Sys.Stop(subject);
        await ExpectTerminated(watcher);
        Assert.Contains(Logs.Events, e => e.Exception is DeathPactException);
    }

    [Fact]
    public async Task Parent_sees_Terminated_for_a_watched_child()
    {
        var probe = CreateProbe();
        var parent = Sys.ActorOf(Props.Create(() => new WatchingParent(probe.Ref)));
        var child = await parent.Ask<IActorRef>("child");
        child.Tell(PoisonPill.Instance, null);
        var t = await probe.ExpectMsgAsync<Terminated>();
        Assert.Equal(child, t.ActorRef);
        Assert.Equal(ActorRefs.Nobody, await parent.Ask<IActorRef>("lookup"));
    }

    private sealed class WatchingParent : ReceiveActor
    {
        public WatchingParent(IActorRef probe)
        {
            Receive<string>(s => s == "child", _ => Sender.Tell(Context.Watch(Context.ActorOf(Props.Create<Idle>(), "kid")), Self));
            Receive<string>(s => s == "lookup", _ => Sender.Tell(Context.Child("kid"), Self));
            Receive<Terminated>(t => probe.Tell(t, Self));
        }
    }
}
