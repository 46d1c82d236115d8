using Cluster.Runtime.Kernel;
using Cluster.Runtime.Remoting;
using Cluster.Runtime.Tests.Kernel;
using Cluster.Runtime.Tests.Remoting.Support;
using Cluster.TestSupport;

namespace Cluster.Runtime.Tests.Remoting.Actors;

/// <summary>
/// Several remote-enabled actor systems in one test process, each with its own transport on a free loopback port
/// and its own captured log; all are terminated (with a deadline) at the end of the test.
/// </summary>
public sealed class RemoteSystems : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly List<ActorSystem> systems = [];
    private readonly Dictionary<ActorSystem, LogCapture> logs = [];

    /// <summary>Loopback transport with short timings, the test messages registered, adjusted by <paramref name="configure"/>.</summary>
    public static RemoteActorSettings Settings(Func<RemoteActorSettings, RemoteActorSettings>? configure = null, int port = 0)
    {
        var settings = new RemoteActorSettings
        {
            Transport = TestNode.Settings(s => s with { BindPort = port }),
            AddressTerminatedAfter = TimeSpan.FromSeconds(1),
            RegisterMessages = RemoteTestMessages.Register,
        };
        return configure?.Invoke(settings) ?? settings;
    }

    public ActorSystem Start(Func<RemoteActorSettings, RemoteActorSettings>? configure = null, int port = 0)
    {
        var log = new LogCapture();
        var system = RemoteActorSystem.Create("uc", Settings(configure, port), ActorSystemSettings.Default with { Logger = log.CreateLogger() });
        lock (systems)
        {
            systems.Add(system);
            logs[system] = log;
        }
        return system;
    }

    public LogCapture Logs(ActorSystem system)
    {
        lock (systems) return logs[system];
    }

    /// <summary>The reference <paramref name="from"/> gets for <paramref name="actor"/> of another system (a RemoteActorRef).</summary>
    public static IActorRef RemoteRef(ActorSystem from, IActorRef actor) => from.ResolveActorRef(actor.Path.ToSerializationFormat());

    public static Task<T> Within<T>(Task<T> task, string what) => task.Within(what, Deadline);

    /// <summary>Polls a condition another thread makes true; fails after the deadline naming it.</summary>
    public static Task AwaitCondition(Func<bool> condition, string what) => TestSupport.Deadline.Until(condition, what, Deadline);

    public async ValueTask DisposeAsync()
    {
        List<ActorSystem> all;
        lock (systems) all = [.. systems];
        await Task.WhenAll(all.Select(s => s.Terminate())).Within("the actor systems to terminate", Deadline);
    }
}
