using Cluster.Edges.Dns.Codec;

namespace Cluster.Edges.Dns;

/// <summary>
/// What the SIP locator and other edges need from DNS: one record type for one name. An interface so that callers
/// can be tested with a fixed table and so another resolver (e.g. a static hosts map) can stand in.
/// </summary>
public interface IDnsResolver
{
    /// <summary>
    /// Looks up <paramref name="type"/> records of <paramref name="name"/>, following CNAMEs. Never throws for
    /// DNS-level failures (they are in <see cref="DnsQueryResult.Status"/>); throws
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires.
    /// </summary>
    Task<DnsQueryResult> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default);
}
