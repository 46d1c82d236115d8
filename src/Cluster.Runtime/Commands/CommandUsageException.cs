namespace Cluster.Runtime.Commands;

/// <summary>
/// Thrown (by the parser, or by a handler validating a value such as a log level) when the operator typed something
/// the command cannot accept. The shell exits with the usage status (2) rather than the failure status (1), so
/// scripts can tell a typo from a failed operation.
/// </summary>
public sealed class CommandUsageException(string message) : Exception(message);
