using System.Net;
using Cluster.Edges.Dns.Zone;
using Cluster.Edges.Sip.Core;
using Cluster.Edges.Turn;
using Cluster.Edges.Web;
using Cluster.Runtime.Hocon;

namespace Cluster.Edges.Tests.Dns.Zone;

public sealed class DnsZoneSettingsTests
{
    [Fact]
    public void Reference_defaults_configure_no_zone_and_auto_ports()
    {
        var settings = DnsZoneSettings.FromConfig(ZoneConfig.Parse(""));

        Assert.False(settings.IsConfigured);
        Assert.Equal(3600u, settings.Ttl);
        Assert.All(ZoneService.All, s => Assert.True(settings.PortFor(s).IsAuto));
        Assert.Equal(ZonePorts.Default, ZonePorts.FromConfig(ZoneConfig.Parse("")));
    }

    [Fact]
    public void Reads_domain_names_addresses_ttl_and_overrides()
    {
        var settings = DnsZoneSettings.FromConfig(ZoneConfig.Parse("""
            uc.dns.zone {
              domain = "example.com"
              public-names = ["uc1.example.com", "uc2.example.com."]
              addresses { "uc2.example.com" = ["192.0.2.11", "2001:db8::11"] }
              ttl = 600
              ports { sip-udp = off, turns-tcp = 5349 }
            }
            """));

        Assert.Equal("example.com", settings.Domain);
        Assert.Equal(["uc1.example.com", "uc2.example.com"], settings.PublicNames);
        Assert.Equal([IPAddress.Parse("192.0.2.11"), IPAddress.Parse("2001:db8::11")], settings.Addresses["uc2.example.com"]);
        Assert.False(settings.Addresses.ContainsKey("uc1.example.com"));
        Assert.Equal(600u, settings.Ttl);
        Assert.Equal(PortOverride.Off, settings.PortFor(ZoneService.SipUdp));
        Assert.Equal(PortOverride.Publish(5349), settings.PortFor(ZoneService.TurnsTcp));
        Assert.Equal(PortOverride.Auto, settings.PortFor(ZoneService.SipTcp));
    }

    [Theory]
    [InlineData("uc.dns.zone { domain = example.com, public-names = [\"uc1\"] }", "uc.dns.zone.public-names", "not fully qualified")]
    [InlineData("uc.dns.zone { domain = example.com, public-names = [\"uc_1.example.com\"] }", "uc.dns.zone.public-names", "contains '_'")]
    [InlineData("uc.dns.zone { domain = example.com, public-names = [\"-uc.example.com\"] }", "uc.dns.zone.public-names", "hyphen")]
    [InlineData("uc.dns.zone { domain = example.com, public-names = [\"uc1..example.com\"] }", "uc.dns.zone.public-names", "empty label")]
    [InlineData("uc.dns.zone { domain = example.com, public-names = [\"192.0.2.10\"] }", "uc.dns.zone.public-names", "is an IP address")]
    [InlineData("uc.dns.zone { domain = example.com, public-names = [\"uc1.example.com\", \"UC1.example.com\"] }", "uc.dns.zone.public-names", "twice")]
    [InlineData("uc.dns.zone { domain = example.com }", "uc.dns.zone.domain", "uc.dns.zone.public-names is empty")]
    [InlineData("uc.dns.zone { domain = \"exa mple.com\", public-names = [\"uc1.example.com\"] }", "uc.dns.zone.domain", "contains ' '")]
    [InlineData("uc.dns.zone { public-names = [\"uc1.example.com\"] }", "uc.dns.zone.public-names", "uc.dns.zone.domain is not")]
    [InlineData("uc.dns.zone { domain = example.com, public-names = [\"uc1.example.com\"], addresses { \"uc1.example.com\" = \"192.0.2\" } }", "uc.dns.zone.addresses.\"uc1.example.com\"", "not an IPv4 or IPv6 address")]
    [InlineData("uc.dns.zone { domain = example.com, public-names = [\"uc1.example.com\"], addresses { \"uc1.example.com\" = [\"192.0.2.1/24\"] } }", "uc.dns.zone.addresses.\"uc1.example.com\"", "not an IPv4 or IPv6 address")]
    [InlineData("uc.dns.zone { domain = example.com, public-names = [\"uc1.example.com\"], addresses { \"uc1.example.com\" = \"127.0.0.1\" } }", "uc.dns.zone.addresses.\"uc1.example.com\"", "loopback")]
    [InlineData("uc.dns.zone { domain = example.com, public-names = [\"uc1.example.com\"], addresses { \"uc1.example.com\" = \"0.0.0.0\" } }", "uc.dns.zone.addresses.\"uc1.example.com\"", "unspecified")]
    [InlineData("uc.dns.zone { domain = example.com, public-names = [\"uc1.example.com\"], addresses { \"uc1.example.com\" = \"fe80::1\" } }", "uc.dns.zone.addresses.\"uc1.example.com\"", "link-local")]
    [InlineData("uc.dns.zone { domain = example.com, public-names = [\"uc1.example.com\"], addresses { \"uc1.example.com\" = [] } }", "uc.dns.zone.addresses.\"uc1.example.com\"", "is empty")]
    [InlineData("uc.dns.zone { domain = example.com, public-names = [\"uc1.example.com\"], addresses { \"uc2.example.com\" = \"192.0.2.1\" } }", "uc.dns.zone.addresses.\"uc2.example.com\"", "not one of uc.dns.zone.public-names")]
    [InlineData("uc.dns.zone.ttl = 0", "uc.dns.zone.ttl", "at least 1")]
    [InlineData("uc.dns.zone.ports.sip-tcp = 70000", "uc.dns.zone.ports.sip-tcp", "between 1 and 65535")]
    [InlineData("uc.dns.zone.ports.sip-tcp = sometimes", "uc.dns.zone.ports.sip-tcp", "must be auto, off or a port number")]
    public void Bad_values_are_rejected_naming_file_line_and_key(string hocon, string key, string problem)
    {
        var e = Assert.Throws<ConfigException>(() => DnsZoneSettings.FromConfig(ZoneConfig.Parse(hocon)));

        Assert.StartsWith($"{ZoneConfig.File}:1: key '{key}': ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Bad_listen_entry_is_reported_with_its_key()
    {
        var e = Assert.Throws<ConfigException>(() => ZonePorts.FromConfig(ZoneConfig.Parse("uc.sip.tcp.listen = [\"0.0.0.0\"]")));

        Assert.Equal($"{ZoneConfig.File}:1: key 'uc.sip.tcp.listen': '0.0.0.0' is not an address with port (ip:port, or [v6]:port)", e.Message);
    }

    [Fact]
    public void Listener_ports_from_config_match_the_edges_own_settings_readers()
    {
        var config = ZoneConfig.Parse("""
            uc.sip { udp.listen = ["[::]:5070", "0.0.0.0:5070"], tcp.listen = [], tls.listen = ["0.0.0.0:5071"], tls.certificate = "/etc/uc/sip.pfx" }
            uc.web { http-port = off, https-port = 8443 }
            uc.turn.listen { port = 3479, tcp = off }
            """);

        var fromSettings = ZonePorts.FromSettings(SipEdgeSettings.FromConfig(config).Transport, WebSettings.FromConfig(config), TurnSettings.FromConfig(config));

        Assert.Equal(fromSettings, ZonePorts.FromConfig(config));
        Assert.Equal(5070, fromSettings.SipUdp.Port);
        Assert.False(fromSettings.SipTcp.IsOn);
        Assert.Equal(5071, fromSettings.SipTls.Port);
        Assert.False(fromSettings.WebHttp.IsOn);
        Assert.Equal(8443, fromSettings.WebHttps.Port);
        Assert.Equal(3479, fromSettings.TurnUdp.Port);
        Assert.Equal("uc.turn.listen.tcp is off", fromSettings.TurnTcp.Explanation);
    }

    [Fact]
    public void Reference_conf_comments_every_zone_key()
    {
        var assembly = typeof(DnsZoneSettings).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("Dns.reference.conf", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        var text = reader.ReadToEnd();
        var block = text[text.IndexOf("uc.dns.zone {", StringComparison.Ordinal)..];

        foreach (var key in new[] { "domain", "public-names", "addresses", "ttl" }.Concat(ZoneService.All.Select(s => s.ConfigKey)))
        {
            var match = System.Text.RegularExpressions.Regex.Match(block, $@"(?m)^(?<comment>\s*#.*)\r?\n\s*{key} = ");
            Assert.True(match.Success, $"uc.dns.zone key '{key}' should be set in reference.conf with a comment line right above it");
        }
    }
}
