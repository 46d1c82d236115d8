using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Tests.Remoting.Actors;

/// <summary>Answers Ping with Pong to the sender, Hello with Pong(1) to the reference inside it; "fail" with a Status.Failure.</summary>
internal sealed class EchoActor : ReceiveActor
{
    public EchoActor()
    {
        Receive<Ping>(p => Sender.Tell(new Pong(p.N), Self));
        Receive<Hello>(h => h.ReplyTo.Tell(new Pong(h.Text.Length), Self));
        Receive<string>(s => s == "fail", _ => Sender.Tell(new Status.Failure(new InvalidOperationException("boom")), Self));
        Receive<string>(s => Sender.Tell(s, Self));
    }
}

/// <summary>Keeps the sender of every Ping and answers it only when told "release" (late replies).</summary>
internal sealed class DelayedReplier : ReceiveActor
{
    private readonly List<(IActorRef Sender, int N)> waiting = [];

    public DelayedReplier()
    {
        Receive<Ping>(p => waiting.Add((Sender, p.N)));
        Receive<string>(s => s == "release", _ =>
        {
            foreach (var (sender, n) in waiting) sender.Tell(new Pong(n), Self);
            waiting.Clear();
            Sender.Tell("released", Self);
        });
    }
}

/// <summary>Checks that Seq numbers arrive 0, 1, 2, ...; reports the count and the first gap.</summary>
internal sealed class SequenceCollector : ReceiveActor
{
    private int next;
    private int firstOutOfOrder = -1;
    private SeqReport? report;

    public SequenceCollector()
    {
        Receive<Seq>(s =>
        {
            if (s.N != next && firstOutOfOrder < 0) firstOutOfOrder = next;
            next++;
            MaybeReport();
        });
        Receive<SeqReport>(r =>
        {
            report = r;
            MaybeReport();
        });
    }

    private void MaybeReport()
    {
        if (report is null || next < report.Expected) return;
        report.ReplyTo.Tell(new SeqResult(next, firstOutOfOrder), Self);
        report = null;
    }
}

/// <summary>Sends Seq(0..count-1) to a target from inside an actor (one sender, one receiver).</summary>
internal sealed class SequenceSender(IActorRef target, int count) : UntypedActor
{
    protected override void OnReceive(object message)
    {
        if (message is not "go") return;
        for (var i = 0; i < count; i++) target.Tell(new Seq(i), Self);
    }
}

/// <summary>Watches a subject and reports its Terminated to a probe.</summary>
internal sealed class RemoteWatcherActor : ReceiveActor
{
    public RemoteWatcherActor(IActorRef subject, IActorRef report)
    {
        Context.Watch(subject);
        Receive<Terminated>(t => report.Tell(t, Self));
        Receive<string>(s => s == "watching?", _ => Sender.Tell("watching", Self));
    }
}
