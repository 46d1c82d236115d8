using System.Reflection;
using Cluster.Runtime.Hocon;

namespace Cluster.Node.Hosting;

/// <summary>
/// The node's effective configuration: the <c>--config</c> files in order over the <c>reference.conf</c> of every
/// subsystem, checked for unknown keys so that a misspelt key is an error naming the key and the file, not a setting
/// silently ignored.
/// </summary>
public sealed class NodeConfiguration
{
    private NodeConfiguration(Config config, IReadOnlyList<string> files)
    {
        Config = config;
        Files = files;
    }

    /// <summary>The resolved configuration every XxxSettings class reads from.</summary>
    public Config Config { get; }

    /// <summary>Absolute paths of the deployment files loaded, in order (empty on the embedded default).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Assemblies whose embedded reference.conf files make up the defaults.</summary>
    public static Assembly[] ReferenceAssemblies { get; } =
    [
        typeof(Config).Assembly,                 // Cluster.Runtime
        typeof(NodeConfiguration).Assembly,      // Cluster.Node
        typeof(Cluster.Edges.EdgesAssembly).Assembly,
        typeof(Cluster.Actors.Users.UserSettings).Assembly,
    ];

    /// <summary>Loads and validates; throws <see cref="ConfigException"/> with file, line and key on any problem.</summary>
    public static NodeConfiguration Load(IReadOnlyList<string> files)
    {
        var user = Config.Empty;
        foreach (var file in files)
        {
            user = ConfigFactory.ParseFile(file).WithFallback(user);
        }

        var reference = ConfigFactory.FromEmbeddedReferences(ReferenceAssemblies);
        ConfigValidator.CheckKnownKeys(user, reference);
        var resolved = user.WithFallback(reference).Resolve();
        return new NodeConfiguration(resolved, files.Select(Path.GetFullPath).ToArray());
    }
}
