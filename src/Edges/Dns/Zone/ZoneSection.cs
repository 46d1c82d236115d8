namespace Cluster.Edges.Dns.Zone;

/// <summary>
/// A group of related records (addresses, SIP location, federation, web, STUN/TURN) with the comments that explain
/// them. Grouping keeps the fragment readable and lets <c>--json</c> consumers pick one group.
/// </summary>
/// <param name="Id">Stable key for JSON: addresses, sip, federation, web, stun-turn.</param>
/// <param name="Title">First comment line of the group.</param>
/// <param name="Notes">Further comment lines (how clients use the records, what to fill in).</param>
/// <param name="Records">Records in output order.</param>
/// <param name="Omitted">Records left out, with the reason.</param>
public sealed record ZoneSection(
    string Id,
    string Title,
    IReadOnlyList<string> Notes,
    IReadOnlyList<ZoneRecord> Records,
    IReadOnlyList<ZoneOmission> Omitted);
