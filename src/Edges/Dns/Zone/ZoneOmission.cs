namespace Cluster.Edges.Dns.Zone;

/// <summary>
/// A record the fragment does not contain, and why (a listener is off, an override says off). Printed as a comment so
/// an operator comparing with another deployment sees the difference is deliberate.
/// </summary>
/// <param name="Name">Owner name (canonical, no trailing dot).</param>
/// <param name="Type">The record type that would have been published.</param>
/// <param name="Reason">Why it is left out, naming the key responsible.</param>
public sealed record ZoneOmission(string Name, string Type, string Reason)
{
    /// <summary>The comment line in the zone fragment.</summary>
    public string ToZoneComment() => $"; no {Name}. {Type}: {Reason}";
}
