namespace Cluster.Edges.Dns.Zone;

/// <summary>
/// The records an operator publishes for the cluster, grouped in sections. Built once from the configuration by
/// <see cref="ZoneRecordsBuilder"/>; rendered by <see cref="ZoneFileWriter"/> (BIND fragment) and
/// <see cref="ZoneJsonWriter"/> (<c>--json</c>).
/// </summary>
public sealed record DnsZone(string Domain, uint Ttl, IReadOnlyList<ZoneSection> Sections)
{
    /// <summary>Every record of every section, in output order (placeholders included).</summary>
    public IEnumerable<ZoneRecord> Records => Sections.SelectMany(s => s.Records);

    /// <summary>Every omitted record of every section.</summary>
    public IEnumerable<ZoneOmission> Omitted => Sections.SelectMany(s => s.Omitted);
}
