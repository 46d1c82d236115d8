using System.Net;
using System.Net.Sockets;
using Cluster.Edges.Dns.Zone;

namespace Cluster.Edges.Tests.Dns.Zone;

public sealed class ZoneRecordsBuilderTests
{
    private const string TwoNodes = """
        uc.dns.zone {
          domain = example.com
          public-names = ["uc1.example.com", "uc2.example.com"]
          addresses {
            "uc1.example.com" = "192.0.2.10"
            "uc2.example.com" = ["192.0.2.11"]
          }
        }
        """;

    [Fact]
    public void Typical_two_node_config_prints_the_full_fragment()
    {
        var zone = ZoneConfig.Build(TwoNodes);

        string[] expected =
        [
            "; DNS records for example.com published by the UC cluster (uc dns zone), TTL 3600 s.",
            "; Owner names are absolute (they end with a dot): add each line to the zone that holds the name.",
            "",
            "; Addresses of the public names (A/AAAA)",
            "; SRV targets need their own A/AAAA records, not CNAMEs (RFC 2782).",
            "uc1.example.com. 3600 IN A 192.0.2.10",
            "uc2.example.com. 3600 IN A 192.0.2.11",
            "",
            "; SIP server location (RFC 3263): NAPTR per transport, then SRV per transport",
            "; Clients that find NAPTR records use only the transports listed there (RFC 3263 §4.1).",
            "example.com. 3600 IN NAPTR 50 50 \"s\" \"SIPS+D2T\" \"\" _sips._tcp.example.com.",
            "example.com. 3600 IN NAPTR 90 50 \"s\" \"SIP+D2T\" \"\" _sip._tcp.example.com.",
            "example.com. 3600 IN NAPTR 100 50 \"s\" \"SIP+D2U\" \"\" _sip._udp.example.com.",
            "_sips._tcp.example.com. 3600 IN SRV 10 50 5061 uc1.example.com.",
            "_sips._tcp.example.com. 3600 IN SRV 10 50 5061 uc2.example.com.",
            "_sip._tcp.example.com. 3600 IN SRV 10 50 5060 uc1.example.com.",
            "_sip._tcp.example.com. 3600 IN SRV 10 50 5060 uc2.example.com.",
            "_sip._udp.example.com. 3600 IN SRV 10 50 5060 uc1.example.com.",
            "_sip._udp.example.com. 3600 IN SRV 10 50 5060 uc2.example.com.",
            "",
            "; SIP federation over TLS (partner servers look up _sipfederationtls._tcp)",
            "; Partners authenticate with client certificates on the SIP TLS listener.",
            "_sipfederationtls._tcp.example.com. 3600 IN SRV 10 50 5061 uc1.example.com.",
            "_sipfederationtls._tcp.example.com. 3600 IN SRV 10 50 5061 uc2.example.com.",
            "",
            "; Client web services (_ctiwebserver._tcp)",
            "; estos ProCall / XPhone apps find the client web services through _ctiwebserver._tcp.",
            "_ctiwebserver._tcp.example.com. 3600 IN SRV 10 50 7225 uc1.example.com.",
            "_ctiwebserver._tcp.example.com. 3600 IN SRV 10 50 7225 uc2.example.com.",
            "",
            "; STUN and TURN (RFC 8489 §8, RFC 5928 §3)",
            "; Media relays for clients behind NAT; STUN and TURN share the port.",
            "_stun._udp.example.com. 3600 IN SRV 10 50 3478 uc1.example.com.",
            "_stun._udp.example.com. 3600 IN SRV 10 50 3478 uc2.example.com.",
            "_stun._tcp.example.com. 3600 IN SRV 10 50 3478 uc1.example.com.",
            "_stun._tcp.example.com. 3600 IN SRV 10 50 3478 uc2.example.com.",
            "_turn._udp.example.com. 3600 IN SRV 10 50 3478 uc1.example.com.",
            "_turn._udp.example.com. 3600 IN SRV 10 50 3478 uc2.example.com.",
            "_turn._tcp.example.com. 3600 IN SRV 10 50 3478 uc1.example.com.",
            "_turn._tcp.example.com. 3600 IN SRV 10 50 3478 uc2.example.com.",
            "; no _turns._tcp.example.com. SRV: the TURN server has no TLS listener; set uc.dns.zone.ports.turns-tcp to the port of a load balancer that terminates TLS for it",
        ];
        Assert.Equal(expected, ZoneFileWriter.Write(zone));
    }

    [Fact]
    public void One_load_balancer_name_gives_one_target_per_service_and_names_are_canonical()
    {
        var zone = ZoneConfig.Build("""
            uc.dns.zone { domain = "Example.COM.", public-names = ["LB.Example.com."], addresses { "lb.example.com" = "198.51.100.7" }, ttl = 300 }
            """);

        var srv = zone.Records.OfType<SrvZoneRecord>().ToArray();
        Assert.All(srv, r => Assert.Equal("lb.example.com", r.Target));
        Assert.Equal(srv.Length, srv.Select(r => r.Name).Distinct().Count());
        Assert.Contains("lb.example.com. 300 IN A 198.51.100.7", ZoneConfig.RecordLines(zone));
        Assert.Contains("_sip._udp.example.com. 300 IN SRV 10 50 5060 lb.example.com.", ZoneConfig.RecordLines(zone));
    }

    [Fact]
    public void IPv6_addresses_become_AAAA_records_after_the_A_records()
    {
        var zone = ZoneConfig.Build("""
            uc.dns.zone {
              domain = example.com
              public-names = ["uc1.example.com", "uc2.example.com"]
              addresses {
                "uc1.example.com" = ["2001:db8::10", "192.0.2.10", "2001:DB8::10"]
                "uc2.example.com" = ["2001:db8::11"]
              }
            }
            """);

        var addresses = zone.Sections.Single(s => s.Id == "addresses").Records.Select(r => r.ToZoneLine()).ToArray();
        Assert.Equal(
        [
            "uc1.example.com. 3600 IN A 192.0.2.10",
            "uc1.example.com. 3600 IN AAAA 2001:db8::10",
            "uc2.example.com. 3600 IN AAAA 2001:db8::11",
        ], addresses);
        Assert.DoesNotContain(zone.Records, r => r.IsPlaceholder);
    }

    [Fact]
    public void Names_without_addresses_get_commented_placeholders_and_no_invented_address()
    {
        var zone = ZoneConfig.Build("""
            uc.dns.zone {
              domain = example.com
              public-names = ["uc1.example.com", "uc2.example.com"]
              addresses { "uc2.example.com" = "192.0.2.11" }
            }
            """);

        var lines = ZoneFileWriter.Write(zone);
        var start = lines.ToList().IndexOf("; Addresses of the public names (A/AAAA)");
        Assert.Equal(
        [
            "; Addresses of the public names (A/AAAA)",
            "; SRV targets need their own A/AAAA records, not CNAMEs (RFC 2782).",
            "; Lines starting with '; ' are placeholders: uc.dns.zone.addresses has no address for that name.",
            "; Fill in the public address, remove the '; ', and delete the AAAA line if the host has no IPv6 address.",
            "; uc1.example.com. 3600 IN A <public IPv4 address of uc1.example.com>",
            "; uc1.example.com. 3600 IN AAAA <public IPv6 address of uc1.example.com, or delete this line>",
            "uc2.example.com. 3600 IN A 192.0.2.11",
            "",
        ], lines.Skip(start).Take(8));
        var placeholders = zone.Records.OfType<AddressZoneRecord>().Where(r => r.IsPlaceholder).ToArray();
        Assert.Equal([AddressFamily.InterNetwork, AddressFamily.InterNetworkV6], placeholders.Select(p => p.Family));
        Assert.All(placeholders, p => Assert.Null(p.ToDnsRecord()));
        Assert.DoesNotContain(ZoneConfig.RecordLines(zone), l => l.StartsWith("uc1.example.com.", StringComparison.Ordinal));
    }

    [Fact]
    public void Disabled_listeners_leave_their_records_out_with_the_reason()
    {
        var zone = ZoneConfig.Build(TwoNodes + """

            uc.sip.tls.listen = []
            uc.sip.udp.listen = []
            uc.turn.enabled = off
            """);

        var lines = ZoneConfig.RecordLines(zone);
        Assert.DoesNotContain(lines, l => l.Contains("_sips._tcp", StringComparison.Ordinal) || l.Contains("_sip._udp", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("_sipfederationtls", StringComparison.Ordinal) || l.Contains("_stun.", StringComparison.Ordinal) || l.Contains("_turn.", StringComparison.Ordinal));
        Assert.Equal(["example.com. 3600 IN NAPTR 90 50 \"s\" \"SIP+D2T\" \"\" _sip._tcp.example.com."], lines.Where(l => l.Contains("NAPTR", StringComparison.Ordinal)));

        var reasons = zone.Omitted.ToDictionary(o => o.Name, o => o.Reason);
        Assert.Equal("uc.sip.tls.listen is empty (no listener)", reasons["_sips._tcp.example.com"]);
        Assert.Equal("uc.sip.tls.listen is empty (no listener)", reasons["_sipfederationtls._tcp.example.com"]);
        Assert.Equal("uc.sip.udp.listen is empty (no listener)", reasons["_sip._udp.example.com"]);
        Assert.Equal("uc.turn.enabled is off", reasons["_stun._udp.example.com"]);
        Assert.Equal("uc.turn.enabled is off", reasons["_turn._tcp.example.com"]);
        Assert.Contains("; no _sips._tcp.example.com. SRV: uc.sip.tls.listen is empty (no listener)", ZoneFileWriter.Write(zone));
    }

    [Fact]
    public void Web_record_points_at_HTTP_when_HTTPS_is_off_and_is_omitted_when_both_are()
    {
        var httpOnly = ZoneConfig.Build(TwoNodes + "\nuc.web.https-port = off\n");
        Assert.Equal([7224, 7224], httpOnly.Records.OfType<SrvZoneRecord>().Where(r => r.Name == "_ctiwebserver._tcp.example.com").Select(r => (int)r.Port));
        Assert.Contains("; HTTPS is not published (uc.web.https-port is off): the record points at the plain HTTP port.", ZoneFileWriter.Write(httpOnly));

        var ports = ZonePorts.Default with { WebHttp = ListenerPort.Off("uc.web.http-port is off"), WebHttps = ListenerPort.Off("uc.web.https-port is off") };
        var none = ZoneRecordsBuilder.Build(DnsZoneSettings.FromConfig(ZoneConfig.Parse(TwoNodes)), ports);
        Assert.DoesNotContain(none.Records, r => r.Name.StartsWith("_ctiwebserver", StringComparison.Ordinal));
        Assert.Equal("uc.web.https-port is off and uc.web.http-port is off", none.Omitted.Single(o => o.Name == "_ctiwebserver._tcp.example.com").Reason);
    }

    [Fact]
    public void TURN_transports_follow_the_udp_and_tcp_switches()
    {
        var zone = ZoneConfig.Build(TwoNodes + "\nuc.turn.listen.tcp = off\nuc.turn.listen.port = 3479\n");

        var owners = zone.Sections.Single(s => s.Id == "stun-turn").Records.OfType<SrvZoneRecord>().Select(r => $"{r.Name}:{r.Port}").Distinct();
        Assert.Equal(["_stun._udp.example.com:3479", "_turn._udp.example.com:3479"], owners);
        Assert.Equal("uc.turn.listen.tcp is off", zone.Omitted.Single(o => o.Name == "_turn._tcp.example.com").Reason);
    }

    [Fact]
    public void Port_overrides_pin_suppress_or_add_records_regardless_of_listeners()
    {
        var zone = ZoneConfig.Build(TwoNodes + """

            uc.sip.tls.listen = ["0.0.0.0:15061"]
            uc.turn.listen.tcp = off
            uc.dns.zone.ports { sips-tcp = 443, sip-udp = off, turns-tcp = 5349, turn-tcp = 3478, cti-web = "8443" }
            """);

        Port(zone, "_sips._tcp", 443);
        Port(zone, "_sipfederationtls._tcp", 15061);
        Port(zone, "_turns._tcp", 5349);
        Port(zone, "_turn._tcp", 3478);
        Port(zone, "_ctiwebserver._tcp", 8443);
        Assert.Equal("uc.dns.zone.ports.sip-udp is off", zone.Omitted.Single(o => o.Name == "_sip._udp.example.com").Reason);
        Assert.DoesNotContain(zone.Records.OfType<NaptrZoneRecord>(), r => r.Services == "SIP+D2U");
    }

    [Fact]
    public void Port_zero_listeners_cannot_be_published()
    {
        var zone = ZoneConfig.Build(TwoNodes + "\nuc.web.https-port = 0\nuc.web.http-port = off\n");

        Assert.Equal("uc.web.https-port uses port 0 (a free port chosen at start-up), which cannot be published and uc.web.http-port is off",
            zone.Omitted.Single(o => o.Name == "_ctiwebserver._tcp.example.com").Reason);
    }

    [Fact]
    public void No_SIP_transport_means_no_NAPTR_and_says_so()
    {
        var zone = ZoneConfig.Build(TwoNodes + "\nuc.sip { udp.listen = [], tcp.listen = [], tls.listen = [] }\n");

        Assert.Empty(zone.Sections.Single(s => s.Id == "sip").Records);
        Assert.Equal("no SIP transport is published", zone.Omitted.Single(o => o.Type == "NAPTR").Reason);
    }

    [Fact]
    public void Settings_built_in_code_are_validated_and_need_a_domain()
    {
        Assert.Contains("uc.dns.zone.domain is not set", Assert.Throws<ArgumentException>(() => ZoneRecordsBuilder.Build(DnsZoneSettings.Unconfigured, ZonePorts.Default)).Message);
        var settings = new DnsZoneSettings
        {
            Domain = "example.com",
            PublicNames = ["uc1.example.com"],
            Addresses = new Dictionary<string, IReadOnlyList<IPAddress>> { ["uc9.example.com"] = [IPAddress.Parse("192.0.2.1")] },
        };
        Assert.Contains("not one of the public-names", Assert.Throws<ArgumentException>(() => ZoneRecordsBuilder.Build(settings, ZonePorts.Default)).Message);
        Assert.Contains("loopback", Assert.Throws<ArgumentException>(() => ZoneRecordsBuilder.Build(settings with
        {
            Addresses = new Dictionary<string, IReadOnlyList<IPAddress>> { ["uc1.example.com"] = [IPAddress.Loopback] },
        }, ZonePorts.Default)).Message);
        Assert.Contains("uc.dns.zone.ttl", Assert.Throws<ArgumentException>(() => ZoneRecordsBuilder.Build(settings with { Addresses = new Dictionary<string, IReadOnlyList<IPAddress>>(), Ttl = 0 }, ZonePorts.Default)).Message);
    }

    private static void Port(DnsZone zone, string label, int port) =>
        Assert.All(zone.Records.OfType<SrvZoneRecord>().Where(r => r.Name == $"{label}.example.com").DefaultIfEmpty(), r =>
        {
            Assert.NotNull(r);
            Assert.Equal(port, r.Port);
        });
}
