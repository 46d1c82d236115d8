using Cluster.Actors.Users;
using Cluster.Actors.Users.Entity;
using Cluster.Actors.Directory;
using Cluster.Node.Clustering;
using Cluster.Runtime.Commands;
using Cluster.Runtime.Commands.Endpoint;
using Cluster.Runtime.Commands.Palettes;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Logging;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Sharding;
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

    private PersistenceComponents? persistence;

    private NodeComponents(ActorSystem system, ILogger log)
    {
        System = system;
        Log = log;
    }

    public ActorSystem System { get; }

    public ILogger Log { get; }

    /// <summary>Shell palettes this node offers; other subsystems add theirs at start-up.</summary>
    public CommandRegistry Commands { get; } = new();

    /// <summary>User entities, their gateway, the edge-effect sinks and the user directory; edges wire in here.</summary>
    public UsersModule Users { get; private set; } = null!;

    /// <summary>What the journal is (plugin and file or database), for the start-up summary.</summary>
    public string JournalDescription { get; private set; } = "none";

    /// <summary>Membership, placement and remoting when <c>uc.cluster.enabled = on</c>; null on a single node.</summary>
    public NodeCluster? Cluster { get; private set; }

    /// <summary>Every socket the node listens on.</summary>
    public IReadOnlyList<NodeEndpoint> Endpoints => endpoints;

    public static async Task<NodeComponents> StartAsync(NodeConfiguration configuration, NodeSettings settings, NodeLogging logging)
    {
        var config = configuration.Config;
        var log = logging.Logger.ForContext("SourceContext", "Cluster.Node");
        var shellSettings = CommandEndpointSettings.FromConfig(config);

        var systemSettings = ActorSystemSettings.FromConfig(config) with { Logger = logging.Logger };
        var clustered = NodeCluster.IsEnabled(config);
        var persistenceSettings = NodePersistence.Settings(config, settings.DataDirectory);
        if (clustered)
        {
            NodeCluster.RequireSharedPersistence(config, persistenceSettings);
        }
        var system = clustered ? NodeCluster.CreateSystem(config, systemSettings) : ActorSystem.Create(NodeHost.SystemName, systemSettings);
        var node = new NodeComponents(system, log);
        var shutdown = system.CoordinatedShutdown;
        try
        {
            var registry = NodePersistence.CreateRegistry();
            node.persistence = await PersistencePlugins.CreateAsync(persistenceSettings, registry, logging.Logger, system.Settings.TimeProvider);
            Persistence.Register(system, node.persistence, registry);
            node.JournalDescription = NodePersistence.Describe(persistenceSettings);
            if (clustered)
            {
                node.Cluster = NodeCluster.Start(system, config, settings, log);
                node.endpoints.Add(new NodeEndpoint("remoting", "tcp", node.Cluster.Address.ToString()));
            }
            var directory = new DirectoryIndex();
            node.Users = UsersModule.Start(system, new UsersModuleOptions(settings.Name)
            {
                UserSettings = UserSettings.FromConfig(config),
                EntitySettings = UserEntitySettings.FromConfig(config),
                ShardingSettings = ClusterShardingSettings.FromConfig(config),
                DirectoryObserver = directory.Apply,
                Locator = node.Cluster?.Locator,
                RouterDirectory = node.Cluster is { } cluster ? router => cluster.RouterDirectory(settings.Name, router) : null,
            });

            node.Commands.Register(LogPalette.Create(LogPaletteBindings.For(logging.Levels, logging.Tail)));
            node.Commands.Register(NodePalette.Create(settings, configuration, node));
            node.Commands.Register(ShardingPalette.Create(system));
            if (node.Cluster is { } members)
            {
                node.Commands.Register(ClusterPalette.Create(members.Membership));
            }

            await NodeEdges.StartAsync(config, settings, system, node.Users, directory, node.Commands, node.endpoints.Add, logging.Logger);

            if (shellSettings.Enabled)
            {
                var endpoint = new CommandEndpoint(shellSettings, node.Commands,
                    new CommandEndpointIdentity(settings.Name, system.Address.ToString(), NodeVersion.Current),
                    logging.Logger.ForContext("SourceContext", typeof(CommandEndpoint).FullName));
                await endpoint.StartAsync();
                node.endpoints.Add(new NodeEndpoint("shell", "tcp", endpoint.LocalEndPoint.ToString()));
                shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "stop-shell-endpoint", async () =>
                {
                    await endpoint.StopAsync();
                    log.Information("Shutdown: shell endpoint closed");
                });
            }

            if (node.Cluster is { } joining)
            {
                // Regions and edges are running: now become a member (the leader promotes this node to Up).
                await joining.JoinAsync();
            }
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
        return node;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>Runs the coordinated shutdown, waits for the actors to stop, then flushes and closes the journal. Idempotent.</summary>
    public async Task StopAsync()
    {
        await System.CoordinatedShutdown.Run(ShutdownReason.ProcessExit);
        await System.WhenTerminated;
        if (Interlocked.Exchange(ref persistence, null) is { } journal)
        {
            // Actors are stopped: commit what is still queued, then close the database.
            await journal.DisposeAsync();
            Log.Information("Shutdown: journal flushed and closed ({Events} events written since start)", journal.Metrics.EventsCommitted);
        }
    }
}
