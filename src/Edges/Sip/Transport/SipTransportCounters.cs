namespace Cluster.Edges.Sip.Transport;

/// <summary>
/// What the transports did, for metrics and the shell: traffic, what was shed (queue-full drops, refused
/// connections), what was malformed, and connection churn. Interlocked only.
/// </summary>
public sealed class SipTransportCounters
{
    private long datagramsReceived, datagramsDropped, messagesReceived, messagesSent, malformedAnswered, malformedDropped,
        inboundDropped, keepAlivePings, keepAlivePongs, connectionsAccepted, connectionsOpened, connectionsRefused,
        connectionsClosed, idleClosed, activeConnections, sendFailures, loopFaults;

    public long DatagramsReceived => Interlocked.Read(ref datagramsReceived);

    /// <summary>Datagrams dropped because the UDP queue was full (load shedding).</summary>
    public long DatagramsDropped => Interlocked.Read(ref datagramsDropped);

    public long MessagesReceived => Interlocked.Read(ref messagesReceived);

    public long MessagesSent => Interlocked.Read(ref messagesSent);

    /// <summary>Malformed requests answered with 400/505.</summary>
    public long MalformedAnswered => Interlocked.Read(ref malformedAnswered);

    /// <summary>Malformed messages dropped without an answer.</summary>
    public long MalformedDropped => Interlocked.Read(ref malformedDropped);

    /// <summary>Parsed messages dropped because the inbound queue was full (UDP only; streams wait).</summary>
    public long InboundDropped => Interlocked.Read(ref inboundDropped);

    /// <summary>CRLF CRLF pings received on streams (RFC 5626 §4.4.1).</summary>
    public long KeepAlivePings => Interlocked.Read(ref keepAlivePings);

    /// <summary>CRLF pongs sent in answer.</summary>
    public long KeepAlivePongs => Interlocked.Read(ref keepAlivePongs);

    public long ConnectionsAccepted => Interlocked.Read(ref connectionsAccepted);

    public long ConnectionsOpened => Interlocked.Read(ref connectionsOpened);

    /// <summary>Connections refused because <c>max-connections</c> was reached, or whose TLS handshake failed.</summary>
    public long ConnectionsRefused => Interlocked.Read(ref connectionsRefused);

    public long ConnectionsClosed => Interlocked.Read(ref connectionsClosed);

    /// <summary>Connections closed by the idle timeout.</summary>
    public long IdleClosed => Interlocked.Read(ref idleClosed);

    public long ActiveConnections => Interlocked.Read(ref activeConnections);

    public long SendFailures => Interlocked.Read(ref sendFailures);

    /// <summary>Unexpected exceptions caught in a receive or accept loop (each one is a bug or an OS fault).</summary>
    public long LoopFaults => Interlocked.Read(ref loopFaults);

    internal void DatagramReceived() => Interlocked.Increment(ref datagramsReceived);
    internal void DatagramDropped() => Interlocked.Increment(ref datagramsDropped);
    internal void MessageReceived() => Interlocked.Increment(ref messagesReceived);
    internal void MessageSent() => Interlocked.Increment(ref messagesSent);
    internal void MalformedWasAnswered() => Interlocked.Increment(ref malformedAnswered);
    internal void MalformedWasDropped() => Interlocked.Increment(ref malformedDropped);
    internal void InboundWasDropped() => Interlocked.Increment(ref inboundDropped);
    internal void PingReceived() => Interlocked.Increment(ref keepAlivePings);
    internal void PongSent() => Interlocked.Increment(ref keepAlivePongs);
    internal void Accepted() { Interlocked.Increment(ref connectionsAccepted); Interlocked.Increment(ref activeConnections); }
    internal void Opened() { Interlocked.Increment(ref connectionsOpened); Interlocked.Increment(ref activeConnections); }
    internal void Refused() => Interlocked.Increment(ref connectionsRefused);
    internal void Closed() { Interlocked.Increment(ref connectionsClosed); Interlocked.Decrement(ref activeConnections); }
    internal void ClosedIdle() => Interlocked.Increment(ref idleClosed);
    internal void SendFailed() => Interlocked.Increment(ref sendFailures);
    internal void LoopFault() => Interlocked.Increment(ref loopFaults);
}
