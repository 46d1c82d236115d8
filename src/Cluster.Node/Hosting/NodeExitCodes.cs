namespace Cluster.Node.Hosting;

/// <summary>Exit codes of the node process, for service managers and scripts (docs/operations/node.md).</summary>
public static class NodeExitCodes
{
    /// <summary>Clean shutdown after SIGTERM/SIGINT or a leave command.</summary>
    public const int Ok = 0;

    /// <summary>Start-up failed or shutdown did not finish within uc.node.shutdown-timeout.</summary>
    public const int Failure = 1;

    /// <summary>Bad command line or configuration (the message names the key and the file).</summary>
    public const int BadConfiguration = 2;

    /// <summary>The data directory is held by another node process.</summary>
    public const int DataDirectoryInUse = 3;
}
