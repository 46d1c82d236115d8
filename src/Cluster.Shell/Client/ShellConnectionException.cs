using Cluster.Runtime.Commands.Protocol;

namespace Cluster.Shell.Client;

/// <summary>
/// The shell could not talk to the node (unreachable, refused, connection lost); <see cref="ExitCode"/> says which
/// exit status the shell reports (3 cannot connect or lost, 4 refused by the node).
/// </summary>
internal sealed class ShellConnectionException(string message, int exitCode = ShellProtocol.ExitCannotConnect, Exception? inner = null)
    : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
