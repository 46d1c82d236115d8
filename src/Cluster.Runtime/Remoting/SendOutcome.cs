namespace Cluster.Runtime.Remoting;

/// <summary>
/// What <see cref="RemoteTransport.Send(NodeAddress,string,string?,string,ReadOnlySpan{byte})"/> did with a message.
/// Delivery is at-most-once: <see cref="Enqueued"/> means the message will be written if the association is (or
/// becomes) connected before shutdown, not that it arrived.
/// </summary>
public enum SendOutcome
{
    Enqueued,
    /// <summary>The association's queue was full (peer slow or unreachable); counted and dropped.</summary>
    DroppedQueueFull,
    /// <summary>The frame would exceed maximum-frame-size; logged as an error and dropped.</summary>
    RejectedOversized,
    /// <summary>The transport is shutting down or disposed.</summary>
    RejectedShutdown,
    /// <summary>The target is this node itself; local delivery is the kernel's job.</summary>
    RejectedSelf,
}
