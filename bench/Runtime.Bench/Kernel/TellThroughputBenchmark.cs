using System.Diagnostics;
using Cluster.Runtime.Kernel;
using Serilog.Core;

namespace Cluster.Bench.Kernel;

/// <summary>
/// Local Tell throughput with many senders and many receivers, Akka's ping-pong shape: P pairs of actors, each
/// pinger keeps W messages in flight to its ponger, which answers every one; both directions count. In-flight
/// messages are bounded (P x W), so the figure is sustained throughput, not how fast queues can grow.
/// </summary>
public sealed class TellThroughputBenchmark : IBenchmark
{
    public string Name => "tell";
    public string Description => "local Tell throughput, many senders to many actors (target >= 5,000,000 msg/s)";

    private sealed record Start(IActorRef Ponger, int Window);

    private sealed class Ball
    {
        public static readonly Ball Instance = new();
    }

    private sealed class Pinger(long roundTrips, CountdownEvent done) : UntypedActor
    {
        private long sent;
        private long received;

        protected override void OnReceive(object message)
        {
            if (message is Ball)
            {
                if (++received == roundTrips)
                {
                    done.Signal();
                    return;
                }
                if (sent < roundTrips)
                {
                    sent++;
                    Sender.Tell(Ball.Instance, Self);
                }
                return;
            }
            if (message is Start start)
            {
                var self = Self;
                for (var i = 0; i < start.Window && sent < roundTrips; i++)
                {
                    sent++;
                    start.Ponger.Tell(Ball.Instance, self);
                }
            }
        }
    }

    private sealed class Ponger : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message, Self);
    }

    public async Task RunAsync(string[] args)
    {
        var pairs = args.Length > 0 ? int.Parse(args[0]) : 500;
        var window = args.Length > 1 ? int.Parse(args[1]) : 100;
        var roundTripsPerPair = args.Length > 2 ? long.Parse(args[2]) : 20_000;
        var rounds = args.Length > 3 ? int.Parse(args[3]) : 5;
        Console.WriteLine($"pairs={pairs} window={window} round-trips/pair={roundTripsPerPair} rounds={rounds} cores={Environment.ProcessorCount}");

        var results = new List<double>();
        for (var round = 0; round <= rounds; round++)
        {
            var settings = ActorSystemSettings.Default with { Logger = Logger.None };
            await using var system = ActorSystem.Create("bench", settings);
            var done = new CountdownEvent(pairs);
            var pingers = new IActorRef[pairs];
            var pongers = new IActorRef[pairs];
            for (var i = 0; i < pairs; i++)
            {
                pingers[i] = system.ActorOf(Props.Create(() => new Pinger(roundTripsPerPair, done)), "pinger" + i);
                pongers[i] = system.ActorOf(Props.Create<Ponger>(), "ponger" + i);
            }
            await pongers[^1].Ask<object>("ready");
            GC.Collect();
            var gen0 = GC.CollectionCount(0);
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < pairs; i++) pingers[i].Tell(new Start(pongers[i], window), null);
            if (!done.Wait(TimeSpan.FromMinutes(2)))
                throw new TimeoutException($"{done.CurrentCount} of {pairs} pairs did not finish their round trips");
            sw.Stop();
            var messages = 2.0 * pairs * roundTripsPerPair;
            var rate = messages / sw.Elapsed.TotalSeconds;
            var label = round == 0 ? "warm-up" : $"round {round}";
            Console.WriteLine($"{label}: {messages:N0} messages in {sw.Elapsed.TotalMilliseconds:N0} ms = {rate:N0} msg/s (gen0 GCs {GC.CollectionCount(0) - gen0})");
            if (round > 0) results.Add(rate);
        }
        results.Sort();
        Console.WriteLine($"RESULT tell median={results[results.Count / 2]:F0} msg/s best={results[^1]:F0} msg/s pairs={pairs} window={window}");
    }
}
