using System.Collections.Concurrent;
using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Tests.Kernel;

public class LifecycleTests : KernelTestKit
{
    private sealed class Recorder : UntypedActor
    {
        private readonly ConcurrentQueue<string> log;
        private readonly int generation;
        private static int generations;

        public Recorder(ConcurrentQueue<string> log)
        {
            this.log = log;
            generation = Interlocked.Increment(ref generations);
            log.Enqueue("ctor");
        }

        protected override void PreStart() => log.Enqueue("preStart");
        protected override void PostStop() => log.Enqueue("postStop");

        protected override void PreRestart(Exception reason, object? message)
        {
            log.Enqueue($"preRestart:{reason.Message}:{message}");
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason)
        {
            log.Enqueue($"postRestart:{reason.Message}");
            base.PostRestart(reason);
        }

        protected override void OnReceive(object message)
        {
            if (message is "fail") throw new InvalidOperationException("bang");
            Sender.Tell(generation, Self);
        }
    }

    [Fact]
    public async Task Hooks_run_in_Akka_order_through_restart_and_stop()
    {
        var log = new ConcurrentQueue<string>();
        var actor = Sys.ActorOf(Props.Create(() => new Recorder(log)));
        await actor.Ask<int>("ping");
        actor.Tell("fail", null);
        await actor.Ask<int>("ping");
        Sys.Stop(actor);
        await ExpectTerminated(actor);
        Assert.Equal(
            ["ctor", "preStart", "preRestart:bang:fail", "postStop", "ctor", "postRestart:bang", "preStart", "postStop"],
            log.ToArray());
    }

    private sealed class ParentWithChild(IActorRef probe) : UntypedActor
    {
        protected override void PreStart() => Context.ActorOf(Props.Create(() => new ReportingChild(probe)), "child");
        protected override void PostStop() => probe.Tell("parent-postStop", Self);
        protected override void OnReceive(object message) { }
    }

    private sealed class ReportingChild(IActorRef probe) : UntypedActor
    {
        protected override void PostStop() => probe.Tell("child-postStop", Self);
        protected override void OnReceive(object message) { }
    }

    [Fact]
    public async Task Children_stop_before_their_parent()
    {
        var probe = CreateProbe();
        var parent = Sys.ActorOf(Props.Create(() => new ParentWithChild(probe.Ref)), "parent");
        await AwaitCondition(() => Sys.ActorSelection("/user/parent/child").ResolveTargets().Count == 1, "the child exists");
        Sys.Stop(parent);
        await probe.ExpectMsgAsync("child-postStop");
        await probe.ExpectMsgAsync("parent-postStop");
    }

    [Fact]
    public async Task Name_is_free_again_after_the_actor_terminated()
    {
        var probe = CreateProbe();
        var first = Sys.ActorOf(Props.Create(() => new ReportingChild(probe.Ref)), "reused");
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new ReportingChild(probe.Ref)), "reused"));
        Sys.Stop(first);
        await ExpectTerminated(first);
        var second = Sys.ActorOf(Props.Create(() => new ReportingChild(probe.Ref)), "reused");
        Assert.NotEqual(first, second);
        Assert.Equal(first.Path, second.Path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("$generated")]
    [InlineData("a/b")]
    [InlineData("with space")]
    public void Invalid_actor_names_are_rejected(string name)
    {
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new ReportingChild(ActorRefs.Nobody)), name));
    }
}
