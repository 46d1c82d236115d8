using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Tests.Kernel;

public class SupervisionTests : KernelTestKit
{
    private sealed class Boom(string text) : Exception(text);
    private sealed class Fatal(string text) : Exception(text);

    /// <summary>Counts messages; "fail" throws Boom, "fatal" throws Fatal; reports lifecycle to the probe.</summary>
    private sealed class Counter(IActorRef probe) : UntypedActor
    {
        private int count;

        protected override void PreStart() => probe.Tell("started", Self);
        protected override void PostStop() => probe.Tell("stopped", Self);

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "fail": throw new Boom("boom");
                case "fatal": throw new Fatal("fatal");
                case "count": Sender.Tell(++count, Self); break;
            }
        }
    }

    /// <summary>A parent that reports its own restart to a probe.</summary>
    private sealed class Supervisor : ReceiveActor
    {
        private readonly SupervisorStrategy strategy;
        private readonly IActorRef probe;

        public Supervisor(SupervisorStrategy strategy, IActorRef probe)
        {
            this.strategy = strategy;
            this.probe = probe;
            Receive<Props>(p => Sender.Tell(Context.ActorOf(p), Self));
        }

        protected override SupervisorStrategy SupervisorStrategy() => strategy;

        protected override void PreRestart(Exception reason, object? message)
        {
            probe.Tell("supervisor-restarting", Self);
            base.PreRestart(reason, message);
        }
    }

    private sealed class Parent : ReceiveActor
    {
        private readonly SupervisorStrategy strategy;

        public Parent(SupervisorStrategy strategy)
        {
            this.strategy = strategy;
            Receive<Props>(p => Sender.Tell(Context.ActorOf(p), Self));
        }

        protected override SupervisorStrategy SupervisorStrategy() => strategy;
    }

    private async Task<IActorRef> ChildOf(IActorRef parent, Props props) => await parent.Ask<IActorRef>(props, Deadline);

    [Fact]
    public async Task Resume_keeps_the_actor_state()
    {
        var probe = CreateProbe();
        var parent = Sys.ActorOf(Props.Create(() => new Parent(new OneForOneStrategy(_ => Directive.Resume))));
        var child = await ChildOf(parent, Props.Create(() => new Counter(probe.Ref)));
        await probe.ExpectMsgAsync("started");
        Assert.Equal(1, await child.Ask<int>("count"));
        child.Tell("fail", null);
        Assert.Equal(2, await child.Ask<int>("count"));
        Assert.True(probe.IsEmpty, "resume must neither stop nor restart the child");
    }

    [Fact]
    public async Task Restart_replaces_the_instance_and_resets_state()
    {
        var probe = CreateProbe();
        var parent = Sys.ActorOf(Props.Create(() => new Parent(new OneForOneStrategy(_ => Directive.Restart))));
        var child = await ChildOf(parent, Props.Create(() => new Counter(probe.Ref)));
        await probe.ExpectMsgAsync("started");
        Assert.Equal(1, await child.Ask<int>("count"));
        child.Tell("fail", null);
        await probe.ExpectMsgAsync("stopped", because: "default PreRestart calls PostStop");
        await probe.ExpectMsgAsync("started", because: "default PostRestart calls PreStart");
        Assert.Equal(1, await child.Ask<int>("count"));
        Assert.Contains(Logs.Events, e => e.Exception is Boom && e.Level == Serilog.Events.LogEventLevel.Error);
    }

    [Fact]
    public async Task Stop_directive_stops_the_failed_child()
    {
        var probe = CreateProbe();
        var parent = Sys.ActorOf(Props.Create(() => new Parent(new OneForOneStrategy(_ => Directive.Stop))));
        var child = await ChildOf(parent, Props.Create(() => new Counter(probe.Ref)));
        await probe.ExpectMsgAsync("started");
        child.Tell("fail", null);
        await probe.ExpectMsgAsync("stopped");
        await ExpectTerminated(child);
    }

    [Fact]
    public async Task Default_strategy_restarts_on_exceptions_and_stops_on_Kill()
    {
        var probe = CreateProbe();
        var child = Sys.ActorOf(Props.Create(() => new Counter(probe.Ref)));
        await probe.ExpectMsgAsync("started");
        child.Tell("fail", null);
        await probe.ExpectMsgAsync("stopped");
        await probe.ExpectMsgAsync("started");
        child.Tell(Kill.Instance, null);
        await probe.ExpectMsgAsync("stopped");
        await ExpectTerminated(child);
    }

    [Fact]
    public async Task Restarts_beyond_the_limit_within_the_window_stop_the_child()
    {
        var probe = CreateProbe();
        var strategy = new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart);
        var parent = Sys.ActorOf(Props.Create(() => new Parent(strategy)));
        var child = await ChildOf(parent, Props.Create(() => new Counter(probe.Ref)));
        await probe.ExpectMsgAsync("started");
        for (var i = 0; i < 2; i++)
        {
            child.Tell("fail", null);
            await probe.ExpectMsgAsync("stopped");
            await probe.ExpectMsgAsync("started", because: $"restart {i + 1} of 2 is within the limit");
        }
        child.Tell("fail", null);
        await probe.ExpectMsgAsync("stopped");
        await ExpectTerminated(child);
    }

    [Fact]
    public async Task Failures_spread_beyond_the_window_keep_restarting()
    {
        var probe = CreateProbe();
        var strategy = new OneForOneStrategy(1, TimeSpan.FromSeconds(10), _ => Directive.Restart);
        var parent = Sys.ActorOf(Props.Create(() => new Parent(strategy)));
        var child = await ChildOf(parent, Props.Create(() => new Counter(probe.Ref)));
        await probe.ExpectMsgAsync("started");
        for (var i = 0; i < 4; i++)
        {
            child.Tell("fail", null);
            await probe.ExpectMsgAsync("stopped");
            await probe.ExpectMsgAsync("started", because: $"failure {i + 1} falls into a fresh window");
            Time.Advance(TimeSpan.FromSeconds(11));
        }
        Assert.Equal(1, await child.Ask<int>("count"));
    }

    [Fact]
    public async Task Zero_retries_stops_on_first_failure()
    {
        var probe = CreateProbe();
        var parent = Sys.ActorOf(Props.Create(() => new Parent(new OneForOneStrategy(0, null, _ => Directive.Restart))));
        var child = await ChildOf(parent, Props.Create(() => new Counter(probe.Ref)));
        await probe.ExpectMsgAsync("started");
        child.Tell("fail", null);
        await probe.ExpectMsgAsync("stopped");
        await ExpectTerminated(child);
    }

    [Fact]
    public async Task All_for_one_restarts_every_sibling()
    {
        var probeA = CreateProbe();
        var probeB = CreateProbe();
        var parent = Sys.ActorOf(Props.Create(() => new Parent(new AllForOneStrategy(_ => Directive.Restart))));
        var a = await ChildOf(parent, Props.Create(() => new Counter(probeA.Ref)));
        var b = await ChildOf(parent, Props.Create(() => new Counter(probeB.Ref)));
        await probeA.ExpectMsgAsync("started");
        await probeB.ExpectMsgAsync("started");
        Assert.Equal(1, await b.Ask<int>("count"));
        a.Tell("fail", null);
        await probeA.ExpectMsgAsync("stopped");
        await probeA.ExpectMsgAsync("started");
        await probeB.ExpectMsgAsync("stopped", because: "the sibling is restarted too");
        await probeB.ExpectMsgAsync("started");
        Assert.Equal(1, await b.Ask<int>("count"));
    }

    [Fact]
    public async Task All_for_one_stop_stops_every_sibling()
    {
        var probeA = CreateProbe();
        var probeB = CreateProbe();
        var parent = Sys.ActorOf(Props.Create(() => new Parent(new AllForOneStrategy(_ => Directive.Stop))));
        var a = await ChildOf(parent, Props.Create(() => new Counter(probeA.Ref)));
        var b = await ChildOf(parent, Props.Create(() => new Counter(probeB.Ref)));
        await probeA.ExpectMsgAsync("started");
        await probeB.ExpectMsgAsync("started");
        a.Tell("fail", null);
        await ExpectTerminated(a);
        await ExpectTerminated(b);
    }

    [Fact]
    public async Task Escalate_hands_the_failure_to_the_grandparent()
    {
        var probe = CreateProbe();
        var supervisorProbe = CreateProbe();
        // grandparent: restarts on Fatal; the middle supervisor escalates Fatal and resumes everything else.
        var grandparent = Sys.ActorOf(Props.Create(() => new Parent(new OneForOneStrategy(e => e is Fatal ? Directive.Restart : Directive.Stop))));
        var middleStrategy = new OneForOneStrategy(e => e is Fatal ? Directive.Escalate : Directive.Resume);
        var middle = await ChildOf(grandparent, Props.Create(() => new Supervisor(middleStrategy, supervisorProbe.Ref)));
        var child = await ChildOf(middle, Props.Create(() => new Counter(probe.Ref)));
        await probe.ExpectMsgAsync("started");

        child.Tell("fail", null);
        Assert.Equal(1, await child.Ask<int>("count"));   // resumed by the middle supervisor

        child.Tell("fatal", null);
        await supervisorProbe.ExpectMsgAsync("supervisor-restarting", because: "the grandparent restarts the middle supervisor");
        await probe.ExpectMsgAsync("stopped", because: "restarting the middle supervisor stops its children");
        await ExpectTerminated(child);
    }

    [Fact]
    public async Task Exception_in_constructor_stops_the_actor_with_ActorInitializationException()
    {
        var actor = Sys.ActorOf(Props.Create(() => new FailingConstructor()));
        await ExpectTerminated(actor);
        Assert.Contains(Logs.Events, e => e.Exception is ActorInitializationException);
    }

    private sealed class FailingConstructor : UntypedActor
    {
        public FailingConstructor() => throw new InvalidOperationException("cannot build");
        protected override void OnReceive(object message) { }
    }

    [Fact]
    public async Task Props_supervisor_strategy_overrides_the_actor_strategy()
    {
        var probe = CreateProbe();
        var props = Props.Create(() => new Parent(new OneForOneStrategy(_ => Directive.Restart)))
            .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Resume));
        var parent = Sys.ActorOf(props);
        var child = await ChildOf(parent, Props.Create(() => new Counter(probe.Ref)));
        await probe.ExpectMsgAsync("started");
        Assert.Equal(1, await child.Ask<int>("count"));
        child.Tell("fail", null);
        Assert.Equal(2, await child.Ask<int>("count"));
    }

    [Fact]
    public void Actors_cannot_be_constructed_outside_ActorOf()
    {
        var e = Assert.Throws<ActorInitializationException>(() => new FailingConstructorFree());
        Assert.Contains("ActorOf", e.Message);
    }

    private sealed class FailingConstructorFree : UntypedActor
    {
        protected override void OnReceive(object message) { }
    }
}
