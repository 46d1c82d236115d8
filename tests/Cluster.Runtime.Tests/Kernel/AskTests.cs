using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Tests.Kernel;

public class AskTests : KernelTestKit
{
    private sealed record Request(string Text);

    private sealed class Responder : ReceiveActor
    {
        public Responder()
        {
            Receive<string>(s => s == "fail", _ => Sender.Tell(new Status.Failure(new InvalidOperationException("refused")), Self));
            Receive<string>(s => s == "silent", _ => { });
            Receive<string>(s => s == "number", _ => Sender.Tell(7, Self));
            Receive<string>(s => Sender.Tell(s.ToUpperInvariant(), Self));
        }
    }

    [Fact]
    public async Task Ask_returns_the_reply()
    {
        var actor = Sys.ActorOf(Props.Create<Responder>());
        Assert.Equal("HELLO", await actor.Ask<string>("hello"));
    }

    [Fact]
    public async Task Ask_times_out_with_a_message_naming_target_and_message_type()
    {
        var actor = Sys.ActorOf(Props.Create<Responder>(), "quiet");
        var ask = actor.Ask<string>("silent", TimeSpan.FromSeconds(3));
        Time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(ask.IsCompleted);
        Time.Advance(TimeSpan.FromSeconds(1));
        var e = await Assert.ThrowsAsync<AskTimeoutException>(() => Within(ask, "the ask to time out"));
        Assert.Contains("uc://test/user/quiet", e.Message);
        Assert.Contains("System.String", e.Message);
    }

    [Fact]
    public async Task Status_Failure_reply_faults_the_task_with_its_cause()
    {
        var actor = Sys.ActorOf(Props.Create<Responder>());
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => actor.Ask<string>("fail"));
        Assert.Equal("refused", e.Message);
    }

    [Fact]
    public async Task Reply_of_the_wrong_type_faults_the_task()
    {
        var actor = Sys.ActorOf(Props.Create<Responder>());
        var e = await Assert.ThrowsAsync<InvalidCastException>(() => actor.Ask<string>("number"));
        Assert.Contains("System.Int32", e.Message);
    }

    [Fact]
    public async Task Cancelled_ask_is_cancelled()
    {
        var actor = Sys.ActorOf(Props.Create<Responder>());
        using var cts = new CancellationTokenSource();
        var ask = actor.Ask<string>("silent", TimeSpan.FromMinutes(1), cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Within(ask, "the ask to be cancelled"));
    }

    [Fact]
    public async Task Ask_to_a_terminated_actor_fails_fast()
    {
        var actor = Sys.ActorOf(Props.Create<Responder>());
        Sys.Stop(actor);
        await ExpectTerminated(actor);
        var e = await Assert.ThrowsAsync<AskTimeoutException>(() => actor.Ask<string>("hello"));
        Assert.Contains("terminated", e.Message);
    }

    [Fact]
    public async Task Late_reply_after_timeout_becomes_a_dead_letter()
    {
        var probe = CreateProbe();
        Sys.EventStream.Subscribe<DeadLetter>(probe.Ref);
        var actor = Sys.ActorOf(Props.Create(() => new Delayed()));
        var ask = actor.Ask<string>("hold", TimeSpan.FromSeconds(1));
        Time.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<AskTimeoutException>(() => Within(ask, "the ask to time out"));
        actor.Tell("release", null);
        var dead = await probe.ExpectMsgAsync<DeadLetter>();
        Assert.Equal("late", dead.Message);
    }

    private sealed class Delayed : ReceiveActor
    {
        private IActorRef? asker;

        public Delayed()
        {
            Receive<string>(s => s == "hold", _ => asker = Sender);
            Receive<string>(s => s == "release", _ => asker?.Tell("late", Self));
        }
    }

    [Fact]
    public async Task Many_concurrent_asks_each_get_their_own_reply()
    {
        var actor = Sys.ActorOf(Props.Create<Responder>());
        var asks = Enumerable.Range(0, 2000).Select(i => actor.Ask<string>("m" + i)).ToArray();
        var replies = await Within(Task.WhenAll(asks), "2000 replies");
        for (var i = 0; i < replies.Length; i++) Assert.Equal("M" + i, replies[i]);
    }
}
