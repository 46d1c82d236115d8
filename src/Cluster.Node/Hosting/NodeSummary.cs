using Serilog;

namespace Cluster.Node.Hosting;

/// <summary>The start-up summary an operator reads first: who the node is, what it loaded, where it listens.</summary>
public static class NodeSummary
{
    public static void Log(ILogger log, NodeSettings settings, NodeConfiguration configuration, NodeComponents node)
    {
        log.Information("Node {NodeName} {Version} starting: address {Address}, pid {Pid}, roles [{Roles}]",
            settings.Name, NodeVersion.Current, node.System.Address, Environment.ProcessId, string.Join(", ", settings.Roles));
        if (configuration.Files.Count == 0)
        {
            log.Information("Configuration: built-in defaults only (no --config file)");
        }
        else
        {
            foreach (var file in configuration.Files)
            {
                log.Information("Configuration file loaded: {ConfigFile}", file);
            }
        }
        log.Information("Data directory: {DataDirectory}", settings.DataDirectory);
        log.Information("Journal: {Journal}", node.JournalDescription);
        if (node.Cluster is { } cluster)
        {
            log.Information("Cluster: member {Member} (uid {Uid}) with roles [{Roles}], remoting endpoint {Remoting}, membership in PostgreSQL schema {Schema}",
                cluster.Address, cluster.Membership.SelfUniqueAddress.Uid, string.Join(", ", settings.Roles), node.System.Address,
                cluster.Membership.Settings.Schema);
        }
        else
        {
            log.Information("Cluster: off (single node; uc.cluster.enabled = on to join a cluster)");
        }
        foreach (var endpoint in node.Endpoints)
        {
            log.Information("Listening: {Endpoint} on {Protocol}://{EndpointAddress}", endpoint.Name, endpoint.Protocol, endpoint.Address);
        }
    }
}
