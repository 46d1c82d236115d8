namespace Cluster.Runtime.Commands.Protocol;

/// <summary>
/// The peer broke the shell protocol (malformed or oversized frame, unexpected frame type); the connection is
/// closed because its framing can no longer be trusted.
/// </summary>
public sealed class ShellProtocolException(string message) : Exception(message);
