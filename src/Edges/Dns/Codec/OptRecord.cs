namespace Cluster.Edges.Dns.Codec;

/// <summary>
/// The EDNS0 pseudo-record (RFC 6891 §6.1.2). The client adds one to every UDP query to advertise a payload larger
/// than 512 bytes so SRV/NAPTR answers rarely need the TCP fallback. CLASS carries the payload size and TTL carries
/// the extended RCODE, version and DO bit; options are kept as raw bytes.
/// </summary>
public sealed record OptRecord : DnsRecord
{
    public OptRecord(ushort udpPayloadSize, byte extendedRcode = 0, byte version = 0, bool dnssecOk = false, byte[]? options = null)
        : base("", (DnsClass)udpPayloadSize, EncodeTtl(extendedRcode, version, dnssecOk))
    {
        Options = options ?? [];
    }

    public override DnsRecordType Type => DnsRecordType.OPT;

    /// <summary>Largest UDP payload the sender can reassemble (RFC 6891 §6.2.3); values under 512 mean 512.</summary>
    public ushort UdpPayloadSize => (ushort)Class;

    /// <summary>Upper eight bits of the 12-bit RCODE (RFC 6891 §6.1.3).</summary>
    public byte ExtendedRcode => (byte)(Ttl >> 24);

    public byte Version => (byte)(Ttl >> 16);

    public bool DnssecOk => (Ttl & 0x8000) != 0;

    /// <summary>Raw option TLVs ({code, length, data}*).</summary>
    public byte[] Options { get; }

    public bool Equals(OptRecord? other) =>
        other is not null && base.Equals(other) && Options.AsSpan().SequenceEqual(other.Options);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Options.Length);

    private static uint EncodeTtl(byte extendedRcode, byte version, bool dnssecOk) =>
        ((uint)extendedRcode << 24) | ((uint)version << 16) | (dnssecOk ? 0x8000u : 0u);
}
