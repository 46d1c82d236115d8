namespace Cluster.Runtime.Remoting;

/// <summary>
/// Transport-wide counters (monotonic unless noted), read by the shell and by tests. Shedding load with bounded queues
/// is only acceptable when it is visible, so every drop and every refused or broken connection is counted here.
/// </summary>
public sealed class RemotingCounters
{
    internal long messagesSent, messagesReceived, bytesSent, bytesReceived, socketWrites;
    internal long droppedQueueFull, droppedOversized, droppedUnsent, inboundHandlerFailures;
    internal long malformedFrames, oversizedFramesReceived, handshakesRejected, handshakeFailures;
    internal long connectionsOpened, connectionsAccepted, connectionsEstablished, openConnections;

    /// <summary>User and system message frames written to sockets.</summary>
    public long MessagesSent => Volatile.Read(ref messagesSent);
    public long MessagesReceived => Volatile.Read(ref messagesReceived);
    public long BytesSent => Volatile.Read(ref bytesSent);
    public long BytesReceived => Volatile.Read(ref bytesReceived);
    /// <summary>Socket send calls; MessagesSent / SocketWrites is the batching factor.</summary>
    public long SocketWrites => Volatile.Read(ref socketWrites);
    /// <summary>Messages refused because the association's queue was full.</summary>
    public long DroppedQueueFull => Volatile.Read(ref droppedQueueFull);
    /// <summary>Messages refused at send time because the frame would exceed maximum-frame-size.</summary>
    public long DroppedOversized => Volatile.Read(ref droppedOversized);
    /// <summary>Frames taken from a queue but lost because the connection broke while writing them, or left at shutdown.</summary>
    public long DroppedUnsent => Volatile.Read(ref droppedUnsent);
    /// <summary>Exceptions thrown by the <see cref="IInboundHandler"/> (caught; the connection stays up).</summary>
    public long InboundHandlerFailures => Volatile.Read(ref inboundHandlerFailures);
    /// <summary>Connections closed because a peer sent bytes that are not a valid frame.</summary>
    public long MalformedFrames => Volatile.Read(ref malformedFrames);
    /// <summary>Connections closed because a peer announced a frame larger than maximum-frame-size.</summary>
    public long OversizedFramesReceived => Volatile.Read(ref oversizedFramesReceived);
    /// <summary>Handshakes refused, by this node or by the peer (system name mismatch, duplicate connection, ...).</summary>
    public long HandshakesRejected => Volatile.Read(ref handshakesRejected);
    /// <summary>Handshakes that timed out or broke off.</summary>
    public long HandshakeFailures => Volatile.Read(ref handshakeFailures);
    /// <summary>Outgoing TCP connections that connected (before the handshake).</summary>
    public long ConnectionsOpened => Volatile.Read(ref connectionsOpened);
    /// <summary>Incoming TCP connections accepted (before the handshake).</summary>
    public long ConnectionsAccepted => Volatile.Read(ref connectionsAccepted);
    /// <summary>Connections that completed a handshake and became an association's connection.</summary>
    public long ConnectionsEstablished => Volatile.Read(ref connectionsEstablished);
    /// <summary>Gauge: sockets open right now, handshaking ones included.</summary>
    public long OpenConnections => Volatile.Read(ref openConnections);
}
