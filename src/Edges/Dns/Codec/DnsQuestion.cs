namespace Cluster.Edges.Dns.Codec;

/// <summary>
/// One entry of the question section (RFC 1035 §4.1.2). Names are kept in presentation form without the trailing
/// dot; comparison is case-insensitive (RFC 4343), which is what the client's spoofing guard relies on.
/// </summary>
public sealed record DnsQuestion(string Name, DnsRecordType Type, DnsClass Class = DnsClass.Internet)
{
    /// <summary>True when <paramref name="other"/> asks the same thing, ignoring name case (RFC 4343 §3).</summary>
    public bool Matches(DnsQuestion other) =>
        Type == other.Type && Class == other.Class && DnsName.Equal(Name, other.Name);
}
