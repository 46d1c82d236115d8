namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// Process-wide parse outcome counters, read by the node's metrics and the shell. Incremented with interlocked
/// adds only, so the parser stays free of locks.
/// </summary>
public static class SipParserCounters
{
    private static long parsed, needMore, invalid, keepAlives, internalErrors, errorResponses, dropped;

    public static long Parsed => Interlocked.Read(ref parsed);
    public static long NeedMore => Interlocked.Read(ref needMore);
    public static long Invalid => Interlocked.Read(ref invalid);
    public static long KeepAlives => Interlocked.Read(ref keepAlives);

    /// <summary>Exceptions caught by the parser's single catch-all (each one is a parser bug to fix).</summary>
    public static long InternalErrors => Interlocked.Read(ref internalErrors);

    /// <summary>Invalid requests answered with 400/505 by <see cref="SipErrorResponder"/>.</summary>
    public static long ErrorResponses => Interlocked.Read(ref errorResponses);

    /// <summary>Invalid messages dropped without an answer.</summary>
    public static long Dropped => Interlocked.Read(ref dropped);

    internal static void Record(SipParseStatus status)
    {
        switch (status)
        {
            case SipParseStatus.Complete: Interlocked.Increment(ref parsed); break;
            case SipParseStatus.NeedMoreData: Interlocked.Increment(ref needMore); break;
            case SipParseStatus.Invalid: Interlocked.Increment(ref invalid); break;
            default: Interlocked.Increment(ref keepAlives); break;
        }
    }

    internal static void RecordInternalError()
    {
        Interlocked.Increment(ref internalErrors);
        Interlocked.Increment(ref invalid);
    }

    internal static void RecordErrorResponse() => Interlocked.Increment(ref errorResponses);

    internal static void RecordDropped() => Interlocked.Increment(ref dropped);
}
