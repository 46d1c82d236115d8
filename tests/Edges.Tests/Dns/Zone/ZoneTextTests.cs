using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Cluster.Edges.Dns.Codec;
using Cluster.Edges.Dns.Zone;

namespace Cluster.Edges.Tests.Dns.Zone;

/// <summary>
/// Reads the printed fragment back with a strict master-file grammar (RFC 1035 §5.1, only the forms we print), builds
/// the DNS codec's records from the text, and sends them through the codec's wire writer and reader: a name that is
/// not a valid wire name, a field out of range or a string too long fails here, not in the operator's DNS server.
/// </summary>
public sealed partial class ZoneTextTests
{
    private const string Config = """
        uc.dns.zone {
          domain = example.com
          public-names = ["uc1.example.com", "uc2.example.com", "lb.provider.example.net"]
          addresses {
            "uc1.example.com" = ["192.0.2.10", "2001:db8::10"]
            "uc2.example.com" = "2001:db8::11"
          }
          ttl = 900
          ports.turns-tcp = 443
        }
        uc.web.https-port = off
        """;

    [Fact]
    public void Every_line_is_a_comment_blank_or_a_strictly_formed_record()
    {
        foreach (var line in ZoneFileWriter.Write(ZoneConfig.Build(Config)))
        {
            Assert.True(line.Length == 0 || line.StartsWith("; ", StringComparison.Ordinal) || RecordLine().IsMatch(line),
                $"line should be blank, a '; ' comment or 'owner. ttl IN TYPE data': '{line}'");
            Assert.DoesNotContain('\t', line);
        }
    }

    [Fact]
    public void Parsed_records_survive_the_codec_wire_round_trip_and_match_the_built_records()
    {
        var zone = ZoneConfig.Build(Config);
        var parsed = ZoneConfig.RecordLines(zone).Select(Parse).ToList();

        var message = new DnsMessage { Header = new DnsHeader(7, IsResponse: true), Answers = parsed };
        Assert.True(DnsMessageReader.TryRead(DnsMessageWriter.Write(message), out var back, out var error), error);
        Assert.Equal(parsed, back.Answers);

        Assert.Equal(zone.Records.Where(r => !r.IsPlaceholder).Select(r => r.ToDnsRecord()), parsed);
        // 3 NAPTR, then 10 services (SIPS, SIP TCP/UDP, federation, web, STUN UDP/TCP, TURN UDP/TCP, TURNS) x 3 targets.
        Assert.Equal(3 + 10 * 3, parsed.OfType<SrvRecord>().Count() + parsed.OfType<NaptrRecord>().Count());
    }

    [Fact]
    public void Placeholders_are_commented_records_that_parse_once_filled_in()
    {
        var zone = ZoneConfig.Build(Config);
        var placeholders = ZoneFileWriter.Write(zone).Where(l => l.StartsWith("; lb.provider.example.net. ", StringComparison.Ordinal)).ToArray();

        Assert.Equal(2, placeholders.Length);
        var filled = placeholders
            .Select(l => PlaceholderData().Replace(l[2..], m => m.Value.Contains("IPv4", StringComparison.Ordinal) ? "203.0.113.5" : "2001:db8::5"))
            .Select(Parse).ToArray();
        Assert.Equal([new ARecord("lb.provider.example.net", 900, IPAddress.Parse("203.0.113.5")), new AaaaRecord("lb.provider.example.net", 900, IPAddress.Parse("2001:db8::5"))], filled);
    }

    [Fact]
    public void Every_NAPTR_replacement_has_SRV_records_and_every_SRV_target_has_an_address_line()
    {
        var zone = ZoneConfig.Build(Config);
        var srvOwners = zone.Records.OfType<SrvZoneRecord>().Select(r => r.Name).ToHashSet();
        var addressed = zone.Records.OfType<AddressZoneRecord>().Select(r => r.Name).ToHashSet();

        var naptr = zone.Records.OfType<NaptrZoneRecord>().ToArray();
        Assert.Equal(["SIPS+D2T", "SIP+D2T", "SIP+D2U"], naptr.Select(n => n.Services));
        Assert.All(naptr, n => Assert.Contains(n.Replacement, srvOwners));
        Assert.All(zone.Records.OfType<SrvZoneRecord>(), s => Assert.Contains(s.Target, addressed));
        // RFC 2782: one entry per target for each service, equal priority and weight.
        Assert.All(zone.Records.OfType<SrvZoneRecord>().GroupBy(s => s.Name), g =>
        {
            Assert.Equal(["uc1.example.com", "uc2.example.com", "lb.provider.example.net"], g.Select(s => s.Target));
            Assert.Single(g.Select(s => (s.Priority, s.Weight)).Distinct());
        });
        Assert.All(zone.Records.OfType<SrvZoneRecord>().Where(s => s.Name.StartsWith("_ctiwebserver", StringComparison.Ordinal)), s => Assert.Equal(7224, s.Port));
        Assert.All(zone.Records.OfType<SrvZoneRecord>().Where(s => s.Name.StartsWith("_turns", StringComparison.Ordinal)), s => Assert.Equal(443, s.Port));
    }

    private static DnsRecord Parse(string line)
    {
        var m = RecordLine().Match(line);
        Assert.True(m.Success, $"not a record line: '{line}'");
        var owner = m.Groups["owner"].Value[..^1];
        var ttl = uint.Parse(m.Groups["ttl"].Value, CultureInfo.InvariantCulture);
        var data = m.Groups["data"].Value;
        switch (m.Groups["type"].Value)
        {
            case "A":
                Assert.Matches(@"^\d{1,3}(\.\d{1,3}){3}$", data);
                return new ARecord(owner, ttl, IPAddress.Parse(data));
            case "AAAA":
                Assert.True(IPAddress.TryParse(data, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6, $"AAAA data should be an IPv6 address: '{data}'");
                return new AaaaRecord(owner, ttl, v6!);
            case "SRV":
                var srv = SrvData().Match(data);
                Assert.True(srv.Success, $"SRV data should be 'priority weight port target.': '{data}'");
                return new SrvRecord(owner, ttl, U16(srv.Groups[1]), U16(srv.Groups[2]), U16(srv.Groups[3]), srv.Groups[4].Value[..^1]);
            default:
                var naptr = NaptrData().Match(data);
                Assert.True(naptr.Success, $"NAPTR data should be 'order preference \"flags\" \"services\" \"regexp\" replacement.': '{data}'");
                return new NaptrRecord(owner, ttl, U16(naptr.Groups[1]), U16(naptr.Groups[2]), naptr.Groups[3].Value, naptr.Groups[4].Value,
                    naptr.Groups[5].Value, naptr.Groups[6].Value[..^1]);
        }
    }

    private static ushort U16(Group group) => ushort.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<owner>(?:[A-Za-z0-9_-]+\.)+) (?<ttl>[1-9][0-9]{0,9}) IN (?<type>A|AAAA|SRV|NAPTR) (?<data>\S.*\S)$")]
    private static partial Regex RecordLine();

    [GeneratedRegex(@"^(\d{1,5}) (\d{1,5}) (\d{1,5}) ((?:[a-z0-9-]+\.)+)$")]
    private static partial Regex SrvData();

    [GeneratedRegex(@"^(\d{1,5}) (\d{1,5}) ""([A-Za-z0-9]*)"" ""([A-Za-z0-9+:]*)"" ""([^""\\]*)"" ((?:[a-z0-9_-]+\.)+)$")]
    private static partial Regex NaptrData();

    [GeneratedRegex(@"<[^>]+>$")]
    private static partial Regex PlaceholderData();
}
