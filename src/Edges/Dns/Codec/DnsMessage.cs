namespace Cluster.Edges.Dns.Codec;

/// <summary>
/// A whole DNS message (RFC 1035 §4.1). Immutable so a parsed answer can sit in the cache and be shared by every
/// coalesced caller. Read with <see cref="DnsMessageReader"/>, write with <see cref="DnsMessageWriter"/>.
/// </summary>
public sealed record DnsMessage
{
    public required DnsHeader Header { get; init; }

    public IReadOnlyList<DnsQuestion> Questions { get; init; } = [];

    public IReadOnlyList<DnsRecord> Answers { get; init; } = [];

    public IReadOnlyList<DnsRecord> Authorities { get; init; } = [];

    /// <summary>Additional section, including the OPT pseudo-record when present.</summary>
    public IReadOnlyList<DnsRecord> Additionals { get; init; } = [];

    /// <summary>The EDNS0 OPT record, if the sender included one (RFC 6891 §6.1.1).</summary>
    public OptRecord? Opt => Additionals.OfType<OptRecord>().FirstOrDefault();

    /// <summary>The full RCODE: header bits plus the EDNS0 extension (RFC 6891 §6.1.3).</summary>
    public DnsResponseCode ResponseCode =>
        (DnsResponseCode)(((Opt?.ExtendedRcode ?? 0) << 4) | Header.ResponseCode);

    /// <summary>Builds a recursive query for one question, optionally advertising an EDNS0 payload size.</summary>
    public static DnsMessage CreateQuery(ushort id, DnsQuestion question, ushort? ednsPayloadSize) => new()
    {
        Header = new DnsHeader(id, RecursionDesired: true),
        Questions = [question],
        Additionals = ednsPayloadSize is { } size ? [new OptRecord(size)] : [],
    };
}
