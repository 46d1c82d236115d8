using System.Reflection;

namespace Cluster.Node.Hosting;

/// <summary>The version shown in the start-up summary, <c>--version</c> and the shell.</summary>
public static class NodeVersion
{
    public static string Current { get; } =
        typeof(NodeVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(NodeVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
