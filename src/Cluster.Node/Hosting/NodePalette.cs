using System.Text.Json.Nodes;
using Cluster.Runtime.Commands;

namespace Cluster.Node.Hosting;

/// <summary>The <c>node</c> palette: what an operator asks a node about itself (<c>uc node show</c>).</summary>
public static class NodePalette
{
    public static CommandPalette Create(NodeSettings settings, NodeConfiguration configuration, NodeComponents node) =>
        new("node", "This node: identity, configuration and endpoints",
        [
            new CommandDefinition("show", "Name, address, version, uptime, data directory, configuration files and endpoints",
                async (_, output, _) =>
                {
                    var uptime = DateTimeOffset.UtcNow - node.System.StartTime;
                    if (output.IsJson)
                    {
                        await output.WriteJsonAsync(new JsonObject
                        {
                            ["name"] = settings.Name,
                            ["address"] = node.System.Address.ToString(),
                            ["version"] = NodeVersion.Current,
                            ["pid"] = Environment.ProcessId,
                            ["uptimeSeconds"] = (long)uptime.TotalSeconds,
                            ["roles"] = new JsonArray(settings.Roles.Select(r => (JsonNode)r).ToArray()),
                            ["dataDirectory"] = settings.DataDirectory,
                            ["configFiles"] = new JsonArray(configuration.Files.Select(f => (JsonNode)f).ToArray()),
                            ["endpoints"] = new JsonArray(node.Endpoints.Select(e => (JsonNode)new JsonObject
                            {
                                ["name"] = e.Name,
                                ["protocol"] = e.Protocol,
                                ["address"] = e.Address,
                            }).ToArray()),
                        });
                        return;
                    }
                    await output.WriteSectionAsync(settings.Name,
                    [
                        new("address", node.System.Address.ToString()),
                        new("version", NodeVersion.Current),
                        new("pid", Environment.ProcessId),
                        new("uptime", uptime.ToString(@"d\.hh\:mm\:ss")),
                        new("roles", string.Join(", ", settings.Roles)),
                        new("data directory", settings.DataDirectory),
                        new("configuration", configuration.Files.Count == 0 ? "built-in defaults" : string.Join(", ", configuration.Files)),
                    ]);
                    var table = new CommandTable("endpoint", "protocol", "address");
                    foreach (var endpoint in node.Endpoints)
                    {
                        table.AddRow(endpoint.Name, endpoint.Protocol, endpoint.Address);
                    }
                    await output.WriteTableAsync(table);
                }),
        ]);
}
