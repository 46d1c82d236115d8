using System.Collections.Concurrent;
using Serilog;

namespace Cluster.Runtime.Kernel;

/// <summary>
/// A hierarchy of actors with its shared services (Akka's ActorSystem): create top-level actors with
/// <see cref="ActorOf"/>, look them up with <see cref="ActorSelection"/>, publish on <see cref="EventStream"/>,
/// schedule with <see cref="Scheduler"/>, hang subsystems off it as extensions, and shut it down through
/// <see cref="CoordinatedShutdown"/> with <see cref="Terminate"/>.
/// </summary>
public sealed class ActorSystem : IActorRefFactory, IAsyncDisposable
{
    private readonly TaskCompletionSource whenTerminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Type, Lazy<IExtension>> extensions = new();
    private int terminating;

    private ActorSystem(string name, ActorSystemSettings settings, Func<ActorSystem, LocalActorRefProvider>? providerFactory = null)
    {
        Name = name;
        Settings = settings;
        Log = settings.Logger.ForContext<ActorSystem>().ForContext("ActorSystem", name);
        StartTime = settings.TimeProvider.GetUtcNow();
        EventStream = new EventStream();
        Scheduler = new Scheduler(settings.TimeProvider);
        Provider = providerFactory?.Invoke(this) ?? new LocalActorRefProvider(this, Address.Local(name));
        CoordinatedShutdown = new CoordinatedShutdown(this);
        extensions[typeof(CoordinatedShutdown)] = new Lazy<IExtension>(CoordinatedShutdown);
        CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseActorSystemTerminate, "terminate-system", () =>
        {
            Provider.StopHierarchy();
            return WhenTerminated;
        });
        Provider.Start();
    }

    /// <summary>Creates and starts a system named <paramref name="name"/> (letters, digits, '-', '_').</summary>
    public static ActorSystem Create(string name, ActorSystemSettings? settings = null)
    {
        Address.ValidateSystemName(name);
        settings ??= ActorSystemSettings.Default;
        settings.Validate();
        return new ActorSystem(name, settings);
    }

    /// <summary>
    /// Creates a system whose references come from another provider (remoting's): the extension point that gives the
    /// system a network address and resolves paths of other nodes.
    /// </summary>
    internal static ActorSystem Create(string name, ActorSystemSettings? settings, Func<ActorSystem, LocalActorRefProvider> providerFactory)
    {
        ArgumentNullException.ThrowIfNull(providerFactory);
        Address.ValidateSystemName(name);
        settings ??= ActorSystemSettings.Default;
        settings.Validate();
        return new ActorSystem(name, settings, providerFactory);
    }

    public string Name { get; }
    public ActorSystemSettings Settings { get; }

    /// <summary>Logger of the runtime itself, enriched with <c>ActorSystem</c>.</summary>
    public ILogger Log { get; }

    public EventStream EventStream { get; }
    public Scheduler Scheduler { get; }
    public CoordinatedShutdown CoordinatedShutdown { get; }
    public DateTimeOffset StartTime { get; }

    /// <summary>The address in every path of this system (<c>uc://name</c> until remoting assigns host and port).</summary>
    public Address Address => Provider.RootPath.Address;

    /// <summary>Where undeliverable messages go; see <see cref="DeadLetterCount"/>.</summary>
    public IActorRef DeadLetters => Provider.DeadLetters;

    /// <summary>Number of dead letters since the system started.</summary>
    public long DeadLetterCount => Provider.DeadLetters.Count;

    /// <summary>Completes when the whole hierarchy has stopped.</summary>
    public Task WhenTerminated => whenTerminated.Task;

    internal LocalActorRefProvider Provider { get; }
    internal DeadLetterActorRef DeadLetterRef => Provider.DeadLetters;
    internal bool IsTerminating => Volatile.Read(ref terminating) != 0;

    /// <summary>Creates a top-level actor under <c>/user</c>.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => Provider.UserGuardianCell.ActorOf(props, name);

    /// <summary>Looks actors up by path; relative paths start at the root (<c>user/a</c> = <c>/user/a</c>).</summary>
    public ActorSelection ActorSelection(string path) => Kernel.ActorSelection.Create(this, null, path);

    /// <summary>The live reference at <paramref name="path"/>, or one that dead-letters if nothing lives there.</summary>
    public IActorRef ResolveActorRef(string path) => Provider.ResolveActorRef(path);

    /// <summary>Stops an actor (asynchronously: its children first, then PostStop, then watchers are told).</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not InternalActorRef target) throw new ArgumentException($"{actor} cannot be stopped by the runtime.", nameof(actor));
        target.Stop();
    }

    /// <summary>
    /// Runs coordinated shutdown (reason <see cref="ShutdownReason.ActorSystemTerminate"/>), whose last phase stops
    /// /user, then /system, then the root. Returns <see cref="WhenTerminated"/>. Idempotent.
    /// </summary>
    public Task Terminate()
    {
        var run = CoordinatedShutdown.Run(ShutdownReason.ActorSystemTerminate);
        // Whatever the phases did (even with recover = off), the system terminates.
        run.ContinueWith(static (_, s) => ((LocalActorRefProvider)s!).StopHierarchy(), Provider,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return WhenTerminated;
    }

    public async ValueTask DisposeAsync() => await Terminate().ConfigureAwait(false);

    /// <summary>
    /// Registers the extension created by <paramref name="factory"/> unless one of type <typeparamref name="T"/>
    /// exists; returns the single instance either way (the factory runs at most once).
    /// </summary>
    public T RegisterExtension<T>(Func<ActorSystem, T> factory) where T : class, IExtension
    {
        ArgumentNullException.ThrowIfNull(factory);
        var lazy = extensions.GetOrAdd(typeof(T), _ => new Lazy<IExtension>(() => factory(this), LazyThreadSafetyMode.ExecutionAndPublication));
        return (T)lazy.Value;
    }

    /// <summary>The registered extension of type <typeparamref name="T"/>, or null.</summary>
    public T? GetExtension<T>() where T : class, IExtension =>
        extensions.TryGetValue(typeof(T), out var lazy) ? (T)lazy.Value : null;

    public bool HasExtension<T>() where T : class, IExtension => extensions.ContainsKey(typeof(T));

    internal void MarkTerminating() => Volatile.Write(ref terminating, 1);

    internal void OnRootTerminated()
    {
        MarkTerminating();
        Scheduler.Shutdown();
        Task afterHierarchy;
        try
        {
            afterHierarchy = Provider.OnHierarchyTerminatedAsync();
        }
        catch (Exception ex)
        {
            afterHierarchy = Task.FromException(ex);
        }
        // The provider (remoting) finishes after the last actor stopped, so that their final messages still leave.
        afterHierarchy.ContinueWith(static (t, s) =>
        {
            var system = (ActorSystem)s!;
            if (t.Exception is { } ex) system.Log.Error(ex.GetBaseException(), "Actor reference provider failed to shut down");
            if (system.whenTerminated.TrySetResult()) system.Log.Information("Actor system {ActorSystem} terminated", system.Name);
        }, this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public override string ToString() => Address.ToString();
}
