using Cluster.Runtime.Hocon;

namespace Cluster.Node.Hosting;

/// <summary>Settings of the node process itself (<c>uc.node</c>); read here and nowhere else.</summary>
public sealed record NodeSettings(string Name, string DataDirectory, IReadOnlyList<string> Roles, TimeSpan ShutdownTimeout)
{
    public const string ConfigPath = "uc.node";

    public static NodeSettings FromConfig(Config config)
    {
        var node = config.GetConfig(ConfigPath);
        var name = node.GetString("name");
        if (string.IsNullOrWhiteSpace(name))
        {
            name = Environment.MachineName;
        }
        return new NodeSettings(
            name,
            Path.GetFullPath(node.GetString("data-dir")),
            node.GetStringList("roles"),
            node.GetTimeSpan("shutdown-timeout"));
    }
}
