using System.Diagnostics;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Persistence.Serialization;
using Serilog;
using PersistenceExtension = Cluster.Runtime.Persistence.Persistence;

namespace Cluster.Bench.Persistence;

/// <summary>
/// Persistent actors end to end, like the Akka.Persistence.Sql benchmark: N <c>ReceivePersistentActor</c>s, each
/// sent all its commands at once (so it always has one pending), persisting one event per command with
/// <c>Persist</c> (commands wait for the handler); then a fresh actor system recovers all of them.
/// Arguments: [actors=1000] [events-per-actor=100].
/// </summary>
public abstract class PersistentActorsBenchmark : IBenchmark
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    protected abstract Task<(PersistenceSettings Settings, IAsyncDisposable? Resource)> PrepareAsync();

    public async Task RunAsync(string[] args)
    {
        var actors = args.Length > 0 ? int.Parse(args[0]) : 1000;
        var perActor = args.Length > 1 ? int.Parse(args[1]) : 100;
        var (settings, resource) = await PrepareAsync();
        try
        {
            var registry = new SerializerRegistry().Register<BenchEvent>("bench.event.v1");
            var logger = new LoggerConfiguration().MinimumLevel.Warning().WriteTo.Console().CreateLogger();
            await using var components = await PersistencePlugins.CreateAsync(settings, registry, logger);

            await using (var system = ActorSystem.Create("bench-write", ActorSystemSettings.Default with { Logger = logger }))
            {
                PersistenceExtension.Register(system, components, registry);
                await PersistAsync(system, "warmup", actors, 3);
                var txBefore = components.Metrics.Transactions;
                var sw = Stopwatch.StartNew();
                await PersistAsync(system, "actor", actors, perActor);
                sw.Stop();
                var total = (long)actors * perActor;
                var tx = components.Metrics.Transactions - txBefore;
                Console.WriteLine($"RESULT {Name} write: {actors} actors x {perActor} events = {total} events in {sw.Elapsed.TotalSeconds:F2} s " +
                                  $"= {total / sw.Elapsed.TotalSeconds:F0} events/s ({tx} transactions, {(double)total / tx:F1} events/transaction)");
            }

            await using (var system = ActorSystem.Create("bench-recover", ActorSystemSettings.Default with { Logger = logger }))
            {
                PersistenceExtension.Register(system, components, registry);
                await RecoverAsync(system, "warmup", actors);   // JIT and connection warm-up on the warm-up actors' events
                var sw = Stopwatch.StartNew();
                var recovered = await RecoverAsync(system, "actor", actors);
                sw.Stop();
                var expected = (long)actors * perActor;
                if (recovered != expected) throw new InvalidOperationException($"recovered {recovered} events, expected {expected}");
                Console.WriteLine($"RESULT {Name} recovery: {actors} actors, {recovered} events in {sw.Elapsed.TotalSeconds:F2} s " +
                                  $"= {recovered / sw.Elapsed.TotalSeconds:F0} events/s");
            }
            Console.WriteLine($"metrics: {components.Metrics}");
        }
        finally
        {
            if (resource is not null) await resource.DisposeAsync();
        }
    }

    private static async Task<long> RecoverAsync(ActorSystem system, string prefix, int actors)
    {
        var done = new Countdown(actors);
        for (var i = 0; i < actors; i++)
        {
            var pid = $"{prefix}-{i}";
            system.ActorOf(Props.Create(() => new BenchActor(pid, 0, done)), pid);
        }
        await done.Completed.Task.WaitAsync(TimeSpan.FromMinutes(5));
        return done.Recovered;
    }

    private static async Task PersistAsync(ActorSystem system, string prefix, int actors, int perActor)
    {
        var done = new Countdown(actors);
        var refs = new IActorRef[actors];
        for (var i = 0; i < actors; i++)
        {
            var pid = $"{prefix}-{i}";
            refs[i] = system.ActorOf(Props.Create(() => new BenchActor(pid, perActor, done)), pid);
        }
        for (var n = 0; n < perActor; n++)
            foreach (var actor in refs)
                actor.Tell(BenchCommand.Instance);
        await done.Completed.Task.WaitAsync(TimeSpan.FromMinutes(5));
        if (done.Failures > 0) throw new InvalidOperationException($"{done.Failures} actors stopped on a persist failure");
    }

    /// <summary>Counts actors that finished (wrote their events, or recovered) without an actor of its own.</summary>
    private sealed class Countdown(int actors)
    {
        private int left = actors;
        private long recovered;
        private int failures;

        public TaskCompletionSource Completed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Recovered => Interlocked.Read(ref recovered);

        public int Failures => Volatile.Read(ref failures);

        public void Done(long replayed = 0)
        {
            Interlocked.Add(ref recovered, replayed);
            if (Interlocked.Decrement(ref left) == 0) Completed.TrySetResult();
        }

        public void Failed()
        {
            Interlocked.Increment(ref failures);
            Done();
        }
    }

    private sealed class BenchCommand
    {
        public static readonly BenchCommand Instance = new();
    }

    private sealed class BenchActor : ReceivePersistentActor
    {
        private readonly string persistenceId;
        private long replayed;
        private int written;

        public BenchActor(string persistenceId, int toWrite, Countdown countdown)
        {
            this.persistenceId = persistenceId;
            Recover<BenchEvent>(_ => replayed++);
            Recover<RecoveryCompleted>(_ =>
            {
                if (toWrite == 0) countdown.Done(replayed);
            });
            Command<BenchCommand>(_ => Persist(new BenchEvent(persistenceId, LastSequenceNr + 1, "available", "in a meeting until 15:00, call mobile"), _ =>
            {
                if (++written == toWrite) countdown.Done();
            }));
            Failure = countdown.Failed;
        }

        private Action Failure { get; }

        public override string PersistenceId => persistenceId;

        protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
        {
            base.OnPersistFailure(cause, @event, sequenceNr);
            Failure();
        }
    }
}
