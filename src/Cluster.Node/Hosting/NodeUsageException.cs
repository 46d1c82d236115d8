namespace Cluster.Node.Hosting;

/// <summary>The command line is wrong; the node prints the reason and the usage and exits with code 2.</summary>
public sealed class NodeUsageException(string message) : Exception(message);
