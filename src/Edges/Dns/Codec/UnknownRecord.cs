namespace Cluster.Edges.Dns.Codec;

/// <summary>
/// Any record this codec does not decode, kept as opaque RDATA (RFC 3597 §5) so a message can be re-encoded
/// unchanged. Names inside unknown RDATA are never decompressed, as RFC 3597 §4 requires.
/// </summary>
public sealed record UnknownRecord(string Name, DnsRecordType RecordType, DnsClass RecordClass, uint Ttl, byte[] Data)
    : DnsRecord(Name, RecordClass, Ttl)
{
    public override DnsRecordType Type => RecordType;

    public bool Equals(UnknownRecord? other) =>
        other is not null && base.Equals(other) && RecordType == other.RecordType && Data.AsSpan().SequenceEqual(other.Data);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), RecordType, Data.Length);
}
