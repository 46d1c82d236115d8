namespace Cluster.Runtime.Commands;

/// <summary>
/// Thrown by a handler to end the command with a failure and a message meant for the operator (exit status 1),
/// without the stack trace and "command failed" wrapping that an unexpected exception gets in the node's log.
/// </summary>
public sealed class CommandFailedException(string message) : Exception(message);
