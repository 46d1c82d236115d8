using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Persistence.Serialization;
using Cluster.Runtime.Tests.Kernel;
using Cluster.TestSupport;

namespace Cluster.Runtime.Tests.Persistence.Actors;

/// <summary>
/// One store per test (in-memory, a SQLite temp file or a PostgreSQL schema), actor systems on a manual clock whose
/// persistence goes through a <see cref="ControllableJournal"/> over the real journal, and collected logs. Helpers
/// wait on events with a deadline and say what they waited for.
/// </summary>
public abstract class PersistentActorTestBase : IAsyncLifetime
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly List<ActorSystem> systems = new();
    private readonly List<PersistenceComponents> opened = new();

    protected LogCapture Logs { get; } = new();

    protected ManualTimeProvider Time { get; } = new();

    protected PersistenceSettings Settings { get; private set; } = PersistenceSettings.InMemory;

    protected PersistenceComponents Components { get; private set; } = null!;

    protected ControllableJournal Journal { get; private set; } = null!;

    protected ActorSystem Sys { get; private set; } = null!;

    /// <summary>True when a second <see cref="OpenComponentsAsync"/> sees the same data (not for in-memory).</summary>
    protected bool IsDurable => Settings.Journal.Plugin != PersistencePluginKind.InMemory;

    protected abstract Task<PersistenceSettings> CreateSettingsAsync();

    protected virtual Task CleanupAsync() => Task.CompletedTask;

    protected virtual SerializerRegistry CreateRegistry() => CartRegistry.Create();

    public async Task InitializeAsync()
    {
        Settings = await CreateSettingsAsync();
        Components = await OpenComponentsAsync();
        Journal = new ControllableJournal(Components.Journal);
        Sys = StartSystem("node-a");
    }

    public async Task DisposeAsync()
    {
        foreach (var system in systems)
        {
            await system.Terminate().Within($"actor system {system.Name} to terminate", Deadline);
        }
        foreach (var c in opened) await c.DisposeAsync();
        await CleanupAsync();
    }

    /// <summary>Opens (more) components on the test's store: for durable plugins a second "node" on the same data.</summary>
    protected async Task<PersistenceComponents> OpenComponentsAsync(SerializerRegistry? registry = null)
    {
        var components = await PersistencePlugins.CreateAsync(Settings, registry ?? CreateRegistry(), Logs.CreateLogger());
        opened.Add(components);
        return components;
    }

    /// <summary>
    /// A new actor system whose persistence uses <paramref name="journal"/> (default: the test's controllable
    /// journal) and the test's snapshot store.
    /// </summary>
    private protected ActorSystem StartSystem(string name, IJournal? journal = null, PersistenceComponents? components = null)
    {
        var system = ActorSystem.Create(name, ActorSystemSettings.Default with { TimeProvider = Time, Logger = Logs.CreateLogger() });
        systems.Add(system);
        var source = components ?? Components;
        var wrapped = new PersistenceComponents(journal ?? Journal, source.SnapshotStore, source.ReadJournal, source.Metrics, Array.Empty<IAsyncDisposable>());
        Cluster.Runtime.Persistence.Persistence.Register(system, wrapped, CreateRegistry());
        return system;
    }

    protected TestProbe CreateProbe(ActorSystem? system = null) => new(system ?? Sys);

    protected IActorRef StartCart(string pid, TestProbe? reporter = null, ActorSystem? system = null, Recovery? recovery = null,
        Func<object, IReadOnlyList<string>?>? tagger = null, string? name = null) =>
        (system ?? Sys).ActorOf(Props.Create(() => new CartActor(pid, reporter?.Ref, recovery, tagger)), name);

    /// <summary>Asks with a deadline (the systems run on a manual clock, so ask timeouts would never fire).</summary>
    protected static Task<T> AskAsync<T>(IActorRef actor, object message, string what) =>
        Within(actor.Ask<T>(message, Timeout.InfiniteTimeSpan), what);

    protected static Task<T> Within<T>(Task<T> task, string what) => task.Within(what, Deadline);

    protected static Task Within(Task task, string what) => task.Within(what, Deadline);

    protected static Task AwaitCondition(Func<bool> condition, string what) => TestSupport.Deadline.Until(condition, what, Deadline);

    /// <summary>Watches <paramref name="actor"/> and waits for it to stop.</summary>
    protected async Task ExpectTerminated(IActorRef actor, ActorSystem? system = null)
    {
        var probe = CreateProbe(system);
        (system ?? Sys).ActorOf(Props.Create(() => new Watcher(actor, probe.Ref)));
        var t = await probe.ExpectMsgAsync<Terminated>(Deadline, $"{actor} to stop");
        Assert.Equal(actor, t.ActorRef);
    }

    /// <summary>Stops <paramref name="actor"/> and waits until it is gone, so its name and persistence id can be reused.</summary>
    protected async Task StopAndWait(IActorRef actor, ActorSystem? system = null)
    {
        var probe = CreateProbe(system);
        (system ?? Sys).ActorOf(Props.Create(() => new Watcher(actor, probe.Ref)));
        (system ?? Sys).Stop(actor);
        await probe.ExpectMsgAsync<Terminated>(Deadline, $"{actor} to stop");
    }

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef subject, IActorRef report)
        {
            Context.Watch(subject);
            Receive<Terminated>(t => report.Tell(t, Self));
        }
    }
}
