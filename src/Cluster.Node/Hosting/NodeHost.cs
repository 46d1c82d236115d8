using System.Runtime.InteropServices;
using Cluster.Runtime.Hocon;
using Cluster.Runtime.Kernel;
using Cluster.Runtime.Logging;
using Serilog;

namespace Cluster.Node.Hosting;

/// <summary>
/// The node process from start to exit: command line, configuration, logging, the data-directory lock, the actor
/// system with its subsystems, the start-up summary, and a phased shutdown on SIGTERM/SIGINT. Wiring only; every
/// subsystem lives in its own project.
/// </summary>
public static class NodeHost
{
    /// <summary>The actor system's name; identical on every node of a cluster.</summary>
    public const string SystemName = "uc";

    public static async Task<int> RunAsync(string[] args)
    {
        NodeOptions options;
        try
        {
            options = NodeOptions.Parse(args);
        }
        catch (NodeUsageException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}{Environment.NewLine}{NodeOptions.Usage}");
            return NodeExitCodes.BadConfiguration;
        }

        if (options.ShowHelp)
        {
            Console.WriteLine(NodeOptions.Usage);
            return NodeExitCodes.Ok;
        }
        if (options.ShowVersion)
        {
            Console.WriteLine(NodeVersion.Current);
            return NodeExitCodes.Ok;
        }

        NodeConfiguration configuration;
        NodeSettings settings;
        LoggingSettings loggingSettings;
        try
        {
            configuration = NodeConfiguration.Load(options.ConfigFiles);
            settings = NodeSettings.FromConfig(configuration.Config);
            loggingSettings = LoggingSettings.FromConfig(configuration.Config);
        }
        catch (ConfigException e)
        {
            await Console.Error.WriteLineAsync($"configuration error: {e.Message}");
            return NodeExitCodes.BadConfiguration;
        }

        using var logging = LoggingSetup.Create(loggingSettings, settings.Name);
        Log.Logger = logging.Logger;
        var log = logging.Logger.ForContext("SourceContext", "Cluster.Node");
        try
        {
            return await RunNodeAsync(configuration, settings, logging, log);
        }
        catch (DataDirectoryInUseException e)
        {
            log.Fatal("Refusing to start: {Reason}", e.Message);
            return NodeExitCodes.DataDirectoryInUse;
        }
        catch (ConfigException e)
        {
            log.Fatal("Refusing to start: configuration error: {Reason}", e.Message);
            return NodeExitCodes.BadConfiguration;
        }
        catch (Exception e)
        {
            log.Fatal(e, "Node {NodeName} failed", settings.Name);
            return NodeExitCodes.Failure;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }

    private static async Task<int> RunNodeAsync(NodeConfiguration configuration, NodeSettings settings, NodeLogging logging, ILogger log)
    {
        using var dataLock = DataDirectoryLock.Acquire(settings.DataDirectory);
        var shutdownRequested = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => OnSignal(ctx, "SIGTERM"));
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => OnSignal(ctx, "SIGINT"));

        await using var node = await NodeComponents.StartAsync(configuration, settings, logging);
        NodeSummary.Log(log, settings, configuration, node);
        log.Information("Node {NodeName} is up", settings.Name);

        var trigger = await Task.WhenAny(shutdownRequested.Task, node.System.WhenTerminated);
        var reason = trigger == shutdownRequested.Task ? shutdownRequested.Task.Result : "actor system terminated";
        log.Information("Node {NodeName} shutting down ({Reason})", settings.Name, reason);

        var shutdown = node.StopAsync();
        if (await Task.WhenAny(shutdown, Task.Delay(settings.ShutdownTimeout)) != shutdown)
        {
            log.Error("Shutdown did not finish within {Timeout} (uc.node.shutdown-timeout); exiting anyway", settings.ShutdownTimeout);
            return NodeExitCodes.Failure;
        }
        await shutdown;
        log.Information("Node {NodeName} stopped cleanly", settings.Name);
        return NodeExitCodes.Ok;

        void OnSignal(PosixSignalContext context, string name)
        {
            // Keep the process alive: the coordinated shutdown decides when it ends.
            context.Cancel = true;
            shutdownRequested.TrySetResult(name);
        }
    }
}
