namespace Cluster.Edges.Dns;

/// <summary>
/// Counters of a <see cref="DnsClient"/>, for the shell and for tests that must prove something did not happen
/// (a spoofed answer dropped, a cache hit that sent nothing). Monotonic; read without locks.
/// </summary>
public sealed class DnsClientStatistics
{
    private long udpQueries;
    private long tcpQueries;
    private long tcpFallbacks;
    private long cacheHits;
    private long cacheMisses;
    private long coalesced;
    private long mismatchedResponses;
    private long malformedResponses;
    private long timeouts;
    private long serverFailures;

    /// <summary>Datagrams sent.</summary>
    public long UdpQueries => Interlocked.Read(ref udpQueries);

    /// <summary>Queries sent over TCP.</summary>
    public long TcpQueries => Interlocked.Read(ref tcpQueries);

    /// <summary>UDP answers with the TC bit that were retried over TCP (RFC 1035 §4.2.2, RFC 7766 §5).</summary>
    public long TcpFallbacks => Interlocked.Read(ref tcpFallbacks);

    public long CacheHits => Interlocked.Read(ref cacheHits);

    public long CacheMisses => Interlocked.Read(ref cacheMisses);

    /// <summary>Lookups that joined an identical lookup already in flight instead of sending their own.</summary>
    public long Coalesced => Interlocked.Read(ref coalesced);

    /// <summary>Datagrams dropped because id or question did not match the outstanding query (spoofing guard).</summary>
    public long MismatchedResponses => Interlocked.Read(ref mismatchedResponses);

    /// <summary>Answers with the right id that could not be parsed.</summary>
    public long MalformedResponses => Interlocked.Read(ref malformedResponses);

    /// <summary>Single attempts that timed out.</summary>
    public long Timeouts => Interlocked.Read(ref timeouts);

    /// <summary>Answers with SERVFAIL, REFUSED, NOTIMP or another non-final RCODE.</summary>
    public long ServerFailures => Interlocked.Read(ref serverFailures);

    internal void UdpQuery() => Interlocked.Increment(ref udpQueries);
    internal void TcpQuery() => Interlocked.Increment(ref tcpQueries);
    internal void TcpFallback() => Interlocked.Increment(ref tcpFallbacks);
    internal void CacheHit() => Interlocked.Increment(ref cacheHits);
    internal void CacheMiss() => Interlocked.Increment(ref cacheMisses);
    internal void CoalescedQuery() => Interlocked.Increment(ref coalesced);
    internal void Mismatched() => Interlocked.Increment(ref mismatchedResponses);
    internal void Malformed() => Interlocked.Increment(ref malformedResponses);
    internal void Timeout() => Interlocked.Increment(ref timeouts);
    internal void ServerFailure() => Interlocked.Increment(ref serverFailures);
}
