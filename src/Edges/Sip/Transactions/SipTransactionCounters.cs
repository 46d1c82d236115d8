namespace Cluster.Edges.Sip.Transactions;

/// <summary>
/// What the transaction layer did, for metrics and the shell: created, active and rejected transactions,
/// retransmissions sent and absorbed, timeouts and transport errors. Interlocked only.
/// </summary>
public sealed class SipTransactionCounters
{
    private long clientCreated, serverCreated, active, rejected, retransmissions, absorbed, timeouts, transportErrors, unmatched, faults;

    /// <summary>Client transactions started.</summary>
    public long ClientCreated => Interlocked.Read(ref clientCreated);

    /// <summary>Server transactions created by new requests.</summary>
    public long ServerCreated => Interlocked.Read(ref serverCreated);

    /// <summary>Transactions currently in the table.</summary>
    public long Active => Interlocked.Read(ref active);

    /// <summary>Requests refused with 503 (or client starts refused) because the table was full.</summary>
    public long RejectedTableFull => Interlocked.Read(ref rejected);

    /// <summary>Requests or responses retransmitted by timers or to answer a retransmission.</summary>
    public long Retransmissions => Interlocked.Read(ref retransmissions);

    /// <summary>Retransmitted requests or responses absorbed by a transaction.</summary>
    public long Absorbed => Interlocked.Read(ref absorbed);

    /// <summary>Timers B, F and H that fired.</summary>
    public long Timeouts => Interlocked.Read(ref timeouts);

    /// <summary>Transactions ended by a transport error.</summary>
    public long TransportErrors => Interlocked.Read(ref transportErrors);

    /// <summary>Responses that matched no client transaction.</summary>
    public long UnmatchedResponses => Interlocked.Read(ref unmatched);

    /// <summary>Exceptions thrown by a TU callback or inside the layer (each one is a bug).</summary>
    public long Faults => Interlocked.Read(ref faults);

    internal void RecordClient() { Interlocked.Increment(ref clientCreated); Interlocked.Increment(ref active); }
    internal void RecordServer() { Interlocked.Increment(ref serverCreated); Interlocked.Increment(ref active); }
    internal void RecordRemoved() => Interlocked.Decrement(ref active);
    internal void RecordRejected() => Interlocked.Increment(ref rejected);
    internal void RecordRetransmission() => Interlocked.Increment(ref retransmissions);
    internal void RecordAbsorbed() => Interlocked.Increment(ref absorbed);
    internal void RecordTimeout() => Interlocked.Increment(ref timeouts);
    internal void RecordTransportError() => Interlocked.Increment(ref transportErrors);
    internal void RecordUnmatched() => Interlocked.Increment(ref unmatched);
    internal void RecordFault() => Interlocked.Increment(ref faults);
}
