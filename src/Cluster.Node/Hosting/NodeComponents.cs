using Cluster.Runtime.Kernel;
using Cluster.Runtime.Logging;
using Serilog;

namespace Cluster.Node.Hosting;

/// <summary>
/// The running parts of one node, created in dependency order and stopped by the coordinated shutdown in the
/// reverse order: stop accepting (service-unbind), passivate entities (sharding phase), flush the journal
/// (before-actor-system-terminate), terminate the actor system.
/// </summary>
public sealed class NodeComponents : IAsyncDisposable
{
    private readonly List<NodeEndpoint> endpoints = new();

    private NodeComponents(ActorSystem system, ILogger log)
    {
        System = system;
        Log = log;
    }

    public ActorSystem System { get; }

    public ILogger Log { get; }

    /// <summary>Every socket the node listens on.</summary>
    public IReadOnlyList<NodeEndpoint> Endpoints => endpoints;

    public static Task<NodeComponents> StartAsync(NodeConfiguration configuration, NodeSettings settings, NodeLogging logging)
    {
        var log = logging.Logger.ForContext("SourceContext", "Cluster.Node");
        var systemSettings = ActorSystemSettings.Default with { Logger = logging.Logger };
        var system = ActorSystem.Create(NodeHost.SystemName, systemSettings);
        var node = new NodeComponents(system, log);
        return Task.FromResult(node);
    }

    public async ValueTask DisposeAsync()
    {
        await System.CoordinatedShutdown.Run(ShutdownReason.ProcessExit);
        await System.WhenTerminated;
    }
}
