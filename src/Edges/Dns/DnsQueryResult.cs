using Cluster.Edges.Dns.Codec;

namespace Cluster.Edges.Dns;

/// <summary>
/// The outcome of one lookup: the records of the requested type owned by the end of the CNAME chain, or the reason
/// there are none. Failures are values, not exceptions, because "no SRV records" is an everyday answer for the SIP
/// locator and must be cheap to branch on.
/// </summary>
/// <param name="Name">The name that was asked for.</param>
/// <param name="Type">The record type that was asked for.</param>
/// <param name="Status">How the lookup ended.</param>
/// <param name="Records">Records of <paramref name="Type"/>; empty unless <see cref="DnsQueryStatus.Success"/>.</param>
/// <param name="CnameChain">Aliases followed from <paramref name="Name"/> to <see cref="CanonicalName"/>.</param>
/// <param name="Error">Why the lookup failed, for logs; null on success, NoData and NameError.</param>
/// <param name="FromCache">True when served from the cache; TTLs are then the remaining lifetimes.</param>
public sealed record DnsQueryResult(
    string Name,
    DnsRecordType Type,
    DnsQueryStatus Status,
    IReadOnlyList<DnsRecord> Records,
    IReadOnlyList<CnameRecord> CnameChain,
    string? Error = null,
    bool FromCache = false)
{
    public bool IsSuccess => Status == DnsQueryStatus.Success;

    /// <summary>The owner of <see cref="Records"/>: the last CNAME target, or <see cref="Name"/> without aliases.</summary>
    public string CanonicalName => CnameChain.Count > 0 ? CnameChain[^1].Target : Name;

    internal static DnsQueryResult Failure(string name, DnsRecordType type, DnsQueryStatus status, string error, IReadOnlyList<CnameRecord>? chain = null) =>
        new(name, type, status, [], chain ?? [], error);
}
