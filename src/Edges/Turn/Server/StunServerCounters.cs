namespace Cluster.Edges.Turn.Server;

/// <summary>
/// Lock-free counters of a STUN endpoint, shared by its listeners, for the shell and metrics. Malformed traffic is
/// only counted (and logged at debug level): it is never answered and never throws.
/// </summary>
public sealed class StunServerCounters
{
    private long received;
    private long answered;
    private long errorResponses;
    private long droppedMalformed;
    private long droppedUnhandled;
    private long connectionsRejected;

    /// <summary>Datagrams and stream frames received.</summary>
    public long Received => Interlocked.Read(ref received);

    /// <summary>Responses sent (success and error).</summary>
    public long Answered => Interlocked.Read(ref answered);

    /// <summary>Of <see cref="Answered"/>, how many were error responses.</summary>
    public long ErrorResponses => Interlocked.Read(ref errorResponses);

    /// <summary>Not STUN, bad framing or a wrong FINGERPRINT: dropped silently.</summary>
    public long DroppedMalformed => Interlocked.Read(ref droppedMalformed);

    /// <summary>Well-formed but nothing to answer: responses sent to a server, unknown indications, ChannelData without TURN.</summary>
    public long DroppedUnhandled => Interlocked.Read(ref droppedUnhandled);

    /// <summary>TCP connections closed at once because the connection limit was reached.</summary>
    public long ConnectionsRejected => Interlocked.Read(ref connectionsRejected);

    internal void OnReceived() => Interlocked.Increment(ref received);

    internal void OnAnswered(bool error)
    {
        Interlocked.Increment(ref answered);
        if (error)
        {
            Interlocked.Increment(ref errorResponses);
        }
    }

    internal void OnMalformed() => Interlocked.Increment(ref droppedMalformed);

    internal void OnUnhandled() => Interlocked.Increment(ref droppedUnhandled);

    internal void OnConnectionRejected() => Interlocked.Increment(ref connectionsRejected);

    public override string ToString() =>
        $"received={Received} answered={Answered} errors={ErrorResponses} malformed={DroppedMalformed} unhandled={DroppedUnhandled} rejected-connections={ConnectionsRejected}";
}
