using System.Globalization;
using Cluster.Edges.Dns.Codec;

namespace Cluster.Edges.Dns.Zone;

/// <summary>
/// One record of the zone fragment an operator publishes. It knows both of its forms, a BIND zone-file line (RFC 1035
/// §5.1 master-file syntax) and JSON fields for <c>--json</c>, so the two outputs cannot drift apart.
/// </summary>
/// <param name="Name">Owner name in canonical form without the trailing dot (as in <see cref="DnsRecord"/>).</param>
/// <param name="Ttl">Time to live in seconds.</param>
public abstract record ZoneRecord(string Name, uint Ttl)
{
    /// <summary>The TYPE mnemonic: A, AAAA, SRV, NAPTR.</summary>
    public abstract string Type { get; }

    /// <summary>RDATA in presentation form, e.g. <c>10 50 5060 uc1.example.com.</c>.</summary>
    public abstract string Data { get; }

    /// <summary>True when the operator must fill in the data; the line is then printed commented out.</summary>
    public virtual bool IsPlaceholder => false;

    /// <summary>The RDATA fields for JSON, in presentation order.</summary>
    public abstract IReadOnlyList<KeyValuePair<string, object?>> Fields { get; }

    /// <summary>The owner name as written in a zone file: absolute, with the trailing dot.</summary>
    public string AbsoluteName => Absolute(Name);

    /// <summary>
    /// The zone-file line: <c>owner TTL IN TYPE RDATA</c> with an absolute owner, so it means the same whatever
    /// <c>$ORIGIN</c> the file has. A placeholder is commented out so that the fragment still loads.
    /// </summary>
    public string ToZoneLine() => (IsPlaceholder ? "; " : string.Empty)
        + $"{AbsoluteName} {Ttl.ToString(CultureInfo.InvariantCulture)} IN {Type} {Data}";

    /// <summary>The same record as the DNS codec's type (for serving it or checking it on the wire); null for a placeholder.</summary>
    public abstract DnsRecord? ToDnsRecord();

    /// <summary>The absolute (trailing-dot) form of a canonical name.</summary>
    protected static string Absolute(string name) => name + ".";
}
