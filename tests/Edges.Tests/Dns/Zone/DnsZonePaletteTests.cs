using System.Text.Json.Nodes;
using Cluster.Edges.Dns.Zone;
using Cluster.TestSupport;
using Cluster.Runtime.Commands;
using Cluster.Runtime.Commands.Parsing;

namespace Cluster.Edges.Tests.Dns.Zone;

public sealed class DnsZonePaletteTests
{
    private const string Config = """
        uc.dns.zone {
          domain = example.com
          public-names = ["uc1.example.com", "uc2.example.com"]
          addresses { "uc1.example.com" = ["192.0.2.10", "2001:db8::10"] }
        }
        uc.turn.listen.tcp = off
        """;

    [Fact]
    public async Task Zone_prints_the_fragment_one_line_per_write()
    {
        var output = await RunAsync(DnsZonePalette.Create(ZoneConfig.Parse(Config)), json: false);

        Assert.Equal(ZoneFileWriter.Write(ZoneConfig.Build(Config)), output.Lines);
        Assert.Contains("_sip._tcp.example.com. 3600 IN SRV 10 50 5060 uc1.example.com.", output.Lines);
        Assert.Equal(output.Items.Count, output.Lines.Count());
    }

    [Fact]
    public async Task Json_lists_records_with_name_ttl_type_and_data_fields_and_the_omissions()
    {
        var output = await RunAsync(DnsZonePalette.Create(ZoneConfig.Parse(Config)), json: true);

        var json = Assert.IsType<JsonObject>(Assert.Single(output.Items));
        Assert.Equal("example.com", (string?)json["domain"]);
        Assert.Equal("3600", json["ttl"]!.ToJsonString());
        var records = json["records"]!.AsArray().Select(r => r!.AsObject()).ToArray();
        Assert.All(records, r => Assert.Equal(["section", "name", "ttl", "class", "type", "data", "placeholder"], r.Select(p => p.Key)));

        var srv = records.First(r => (string?)r["name"] == "_sip._udp.example.com.");
        AssertJson("""{"section":"sip","name":"_sip._udp.example.com.","ttl":3600,"class":"IN","type":"SRV","data":{"priority":10,"weight":50,"port":5060,"target":"uc1.example.com."},"placeholder":false}""", srv);
        var naptr = records.First(r => (string?)r["type"] == "NAPTR");
        AssertJson("""{"order":50,"preference":50,"flags":"s","services":"SIPS+D2T","regexp":"","replacement":"_sips._tcp.example.com."}""", naptr["data"]);
        Assert.Equal(["192.0.2.10", "2001:db8::10"], records.Where(r => (string?)r["name"] == "uc1.example.com.").Select(r => (string?)r["data"]!["address"]));
        var placeholders = records.Where(r => (bool)r["placeholder"]!).ToArray();
        Assert.Equal(["A", "AAAA"], placeholders.Select(r => (string?)r["type"]));
        Assert.All(placeholders, r => Assert.Equal("uc2.example.com.", (string?)r["name"]));
        Assert.All(placeholders, r => Assert.Null(r["data"]!["address"]));

        var omitted = json["omitted"]!.AsArray().Single(o => (string?)o!["name"] == "_turn._tcp.example.com.");
        AssertJson("""{"section":"stun-turn","name":"_turn._tcp.example.com.","type":"SRV","reason":"uc.turn.listen.tcp is off"}""", omitted);
        Assert.Equal(records.Length, ZoneConfig.Build(Config).Records.Count());
    }

    [Fact]
    public async Task Zone_without_a_domain_fails_saying_which_keys_to_set()
    {
        var palette = DnsZonePalette.Create(ZoneConfig.Parse(""));

        var e = await Assert.ThrowsAsync<CommandFailedException>(() => RunAsync(palette, json: false));
        Assert.Equal(DnsZonePalette.NotConfiguredMessage, e.Message);
        Assert.Contains("uc.dns.zone.domain", e.Message);
        Assert.Contains("uc.dns.zone.public-names", e.Message);
    }

    [Fact]
    public void Palette_creation_fails_on_a_bad_configuration_so_the_node_stops_at_start_up()
    {
        var e = Assert.Throws<Cluster.Runtime.Hocon.ConfigException>(() => DnsZonePalette.Create(ZoneConfig.Parse(
            "uc.dns.zone { domain = example.com, public-names = [\"uc1.example.com\"], addresses { \"uc1.example.com\" = \"not-an-ip\" } }")));

        Assert.Contains("zone.conf:1", e.Message);
        Assert.Equal(DnsZonePalette.PaletteName, DnsZonePalette.Create(() => ZoneConfig.Build(Config)).Name);
    }

    [Fact]
    public void Zone_command_registers_as_dns_zone_and_takes_no_options()
    {
        var palette = DnsZonePalette.Create(() => ZoneConfig.Build(Config));
        var command = Assert.Single(palette.Commands);

        Assert.Equal("zone", command.Name);
        var registry = new CommandRegistry();
        registry.Register(palette);
        var info = Assert.Single(registry.BuildCatalogue().Palettes);
        Assert.Equal(("dns", "zone"), (info.Name, Assert.Single(info.Commands).Name));
        Assert.Throws<CommandUsageException>(() => CommandLineParser.Parse("dns", command, ["--domain", "x"], false));
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected} but got {actual?.ToJsonString()}");

    private static async Task<RecordingOutput> RunAsync(CommandPalette palette, bool json)
    {
        var output = new RecordingOutput(json);
        var command = palette.FindCommand("zone")!;
        await command.Handler(CommandLineParser.Parse(palette.Name, command, [], json), output, CancellationToken.None);
        return output;
    }
}
