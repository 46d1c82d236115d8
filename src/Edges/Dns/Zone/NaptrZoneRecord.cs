using System.Globalization;
using Cluster.Edges.Dns.Codec;

namespace Cluster.Edges.Dns.Zone;

/// <summary>
/// A naming authority pointer (RFC 3403 §4.1) as RFC 3263 §4.1 uses it: flag "s", a service such as "SIP+D2U", an
/// empty regexp and an SRV name as replacement.
/// </summary>
public sealed record NaptrZoneRecord(
    string Name,
    uint Ttl,
    ushort Order,
    ushort Preference,
    string Flags,
    string Services,
    string Regexp,
    string Replacement) : ZoneRecord(Name, Ttl)
{
    public override string Type => "NAPTR";

    public override string Data => string.Create(CultureInfo.InvariantCulture,
        $"{Order} {Preference} {Quote(Flags)} {Quote(Services)} {Quote(Regexp)} {Absolute(Replacement)}");

    public override IReadOnlyList<KeyValuePair<string, object?>> Fields =>
    [
        new("order", Order), new("preference", Preference), new("flags", Flags), new("services", Services),
        new("regexp", Regexp), new("replacement", Absolute(Replacement)),
    ];

    public override DnsRecord ToDnsRecord() => new NaptrRecord(Name, Ttl, Order, Preference, Flags, Services, Regexp, Replacement);

    /// <summary>RFC 1035 §5.1 character-string: quoted, with '"' and '\' escaped.</summary>
    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
