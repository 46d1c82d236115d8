using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Tests.Kernel;

public class ReceiveAsyncTests : KernelTestKit
{
    private sealed record Work(int N, TaskCompletionSource Gate);

    private sealed class AsyncWorker : ReceiveActor
    {
        public AsyncWorker(IActorRef probe)
        {
            ReceiveAsync<Work>(async w =>
            {
                probe.Tell($"start {w.N}", Self);
                await w.Gate.Task;
                // Self, Sender and the implicit sender are still those of this message after the await.
                probe.Tell($"end {w.N} self={Self.Path.Name} sender={Sender.Path.Name}", Self);
                Sender.Tell($"done {w.N}");
            });
            Receive<string>(s => probe.Tell("sync " + s, Self));
        }
    }

    [Fact]
    public async Task Next_message_waits_for_the_async_handler_to_finish()
    {
        var probe = CreateProbe();
        var replyTo = CreateProbe("reply-to");
        var worker = Sys.ActorOf(Props.Create(() => new AsyncWorker(probe.Ref)), "worker");
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.Tell(new Work(1, first), replyTo.Ref);
        worker.Tell("between", null);
        worker.Tell(new Work(2, second), replyTo.Ref);
        await probe.ExpectMsgAsync("start 1");
        second.SetResult();    // completing the second gate early must not let message 2 overtake message 1
        first.SetResult();
        await probe.ExpectMsgAsync("end 1 self=worker sender=reply-to");
        await probe.ExpectMsgAsync("sync between");
        await probe.ExpectMsgAsync("start 2");
        await probe.ExpectMsgAsync("end 2 self=worker sender=reply-to");
        await replyTo.ExpectMsgAsync("done 1");
        Assert.Equal(worker, replyTo.LastSender);
        await replyTo.ExpectMsgAsync("done 2");
    }

    private sealed class FailingAsync : ReceiveActor
    {
        public FailingAsync(IActorRef probe)
        {
            ReceiveAsync<string>(async s =>
            {
                await Task.Yield();
                if (s == "fail") throw new InvalidOperationException("async failure");
                probe.Tell("ok " + s, Self);
            });
        }

        protected override void PostRestart(Exception reason) => Context.Parent.Tell("restarted:" + reason.Message, Self);
    }

    [Fact]
    public async Task Fault_of_an_async_handler_goes_through_supervision()
    {
        var probe = CreateProbe();
        var actor = Sys.ActorOf(Props.Create(() => new FailingAsync(probe.Ref)));
        actor.Tell("fail", null);
        actor.Tell("after", null);
        await probe.ExpectMsgAsync("ok after", because: "the actor is restarted and processes the next message");
        Assert.Contains(Logs.Events, e => e.Exception is InvalidOperationException { Message: "async failure" });
    }

    private sealed class RunTaskActor : UntypedActor
    {
        private int state;

        protected override void OnReceive(object message)
        {
            if (message is not int n) return;
            RunTask(async () =>
            {
                var before = state;
                await Task.Delay(1);
                state = before + n;          // no other message can interleave: no lost update
                if (state == 100) Sender.Tell(state, Self);
            });
        }
    }

    [Fact]
    public async Task RunTask_serialises_async_work_with_other_messages()
    {
        var probe = CreateProbe();
        var actor = Sys.ActorOf(Props.Create<RunTaskActor>());
        for (var i = 0; i < 100; i++) actor.Tell(1, probe.Ref);
        Assert.Equal(100, await probe.ExpectMsgAsync<int>());
    }
}
