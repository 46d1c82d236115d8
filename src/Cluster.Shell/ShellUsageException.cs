namespace Cluster.Shell;

/// <summary>The shell's own command line is wrong; reported on stderr with exit status 2.</summary>
internal sealed class ShellUsageException(string message) : Exception(message);
