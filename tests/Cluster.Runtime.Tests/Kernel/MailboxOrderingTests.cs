using System.Collections.Concurrent;
using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Tests.Kernel;

public class MailboxOrderingTests : KernelTestKit
{
    private sealed record Seq(int Sender, int N);

    private sealed class OrderChecker(int senders, int perSender, TaskCompletionSource<string?> result) : UntypedActor
    {
        private readonly int[] next = new int[senders];
        private int total;

        protected override void OnReceive(object message)
        {
            var s = (Seq)message;
            if (s.N != next[s.Sender])
            {
                result.TrySetResult($"sender {s.Sender}: expected {next[s.Sender]} but got {s.N}");
                return;
            }
            next[s.Sender]++;
            if (++total == senders * perSender) result.TrySetResult(null);
        }
    }

    [Fact]
    public async Task Messages_from_one_sender_arrive_in_the_order_they_were_sent()
    {
        const int senders = 8, perSender = 20_000;
        var result = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var checker = Sys.ActorOf(Props.Create(() => new OrderChecker(senders, perSender, result)));
        var threads = Enumerable.Range(0, senders).Select(s => Task.Run(() =>
        {
            for (var n = 0; n < perSender; n++) checker.Tell(new Seq(s, n), null);
        })).ToArray();
        await Task.WhenAll(threads);
        var error = await Within(result.Task, "all sequenced messages");
        Assert.Null(error);
    }

    private sealed record Token(int Hops);

    /// <summary>Passes tokens to random peers until each has made its hops, then counts it as finished.</summary>
    private sealed class Peer(IActorRef[] peers, ConcurrentDictionary<int, int> received, CountdownEvent finished, int index) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            var token = (Token)message;
            received.AddOrUpdate(index, 1, (_, c) => c + 1);
            if (token.Hops == 0)
            {
                finished.Signal();
                return;
            }
            peers[Random.Shared.Next(peers.Length)].Tell(new Token(token.Hops - 1), Self);
        }
    }

    [Fact]
    public async Task Ten_thousand_actors_exchange_messages_and_every_message_is_accounted_for()
    {
        const int actors = 10_000, tokensPerActor = 3, hops = 20;
        var peers = new IActorRef[actors];
        var received = new ConcurrentDictionary<int, int>();
        var finished = new CountdownEvent(actors * tokensPerActor);
        for (var i = 0; i < actors; i++)
        {
            var index = i;
            peers[i] = Sys.ActorOf(Props.Create(() => new Peer(peers, received, finished, index)), "peer" + i);
        }
        foreach (var p in peers)
            for (var t = 0; t < tokensPerActor; t++) p.Tell(new Token(hops), null);

        await Within(Task.Run(() => finished.Wait(Deadline * 3)), "every token to finish its hops");
        Assert.Equal(0, finished.CurrentCount);
        Assert.Equal((long)actors * tokensPerActor * (hops + 1), received.Values.Sum(v => (long)v));
        Assert.Equal(0, Sys.DeadLetterCount);
    }
}
