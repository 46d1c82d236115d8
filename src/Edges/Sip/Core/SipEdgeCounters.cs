namespace Cluster.Edges.Sip.Core;

/// <summary>What the SIP edge did above the transaction layer; read by the shell and the tests (monotonic counters).</summary>
public sealed class SipEdgeCounters
{
    private long requests, refused, faults, notifiesSent, notifiesFailed, messagesDelivered, messagesFailed;

    /// <summary>Requests handed to the edge by the transaction layer.</summary>
    public long Requests => Volatile.Read(ref requests);

    /// <summary>Requests answered by the core's checks (405, 416, 420, 482, 483) before any handler ran.</summary>
    public long Refused => Volatile.Read(ref refused);

    /// <summary>Handler failures answered 500/503 (gateway timeouts, bugs).</summary>
    public long Faults => Volatile.Read(ref faults);

    public long NotifiesSent => Volatile.Read(ref notifiesSent);

    /// <summary>NOTIFYs that got an error, a timeout or no flow; each ends its subscription (RFC 6665 §4.2.2).</summary>
    public long NotifiesFailed => Volatile.Read(ref notifiesFailed);

    /// <summary>MESSAGEs a device confirmed with a 2xx.</summary>
    public long MessagesDelivered => Volatile.Read(ref messagesDelivered);

    /// <summary>MESSAGEs to devices that failed; the message stays in the recipient's offline store.</summary>
    public long MessagesFailed => Volatile.Read(ref messagesFailed);

    internal void RecordRequest() => Interlocked.Increment(ref requests);
    internal void RecordRefused() => Interlocked.Increment(ref refused);
    internal void RecordFault() => Interlocked.Increment(ref faults);
    internal void RecordNotify(bool ok) => Interlocked.Increment(ref ok ? ref notifiesSent : ref notifiesFailed);
    internal void RecordDelivery(bool ok) => Interlocked.Increment(ref ok ? ref messagesDelivered : ref messagesFailed);
}
