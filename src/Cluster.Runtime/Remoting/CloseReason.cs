namespace Cluster.Runtime.Remoting;

/// <summary>Carried by a close frame so the receiving side knows whether to reconnect.</summary>
public enum CloseReason : byte
{
    /// <summary>The sender shuts down gracefully; do not reconnect until there is something to send.</summary>
    Shutdown = 0,
    /// <summary>The sender kept another connection to the same node; this one is superfluous.</summary>
    Replaced = 1,
}
