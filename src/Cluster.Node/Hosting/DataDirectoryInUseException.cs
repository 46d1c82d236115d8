namespace Cluster.Node.Hosting;

/// <summary>Another node process holds the data directory; starting a second one would corrupt its journal.</summary>
public sealed class DataDirectoryInUseException(string directory, int? holderPid)
    : Exception($"data directory '{directory}' is in use by another node" +
                (holderPid is { } pid ? $" (process {pid})" : string.Empty) +
                "; stop that node or give this one another directory with uc.node.data-dir")
{
    public string DataDirectory { get; } = directory;

    public int? HolderPid { get; } = holderPid;
}
