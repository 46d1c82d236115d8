using Cluster.Runtime.Hocon;

namespace Cluster.Runtime.Tests.Hocon;

public class ConfigFactoryTests
{
    [Fact]
    public void Load_layers_files_in_order_over_embedded_references()
    {
        using var dir = new TempDirectory();
        var first = dir.Write("node.conf", "uc.log.level = debug\nuc.log.console.enabled = off");
        var second = dir.Write("override.conf", "uc.log.level = warning");

        var config = ConfigFactory.Load([first, second], typeof(Config).Assembly);

        Assert.True(config.IsResolved);
        Assert.Equal("warning", config.GetString("uc.log.level"));
        Assert.False(config.GetBoolean("uc.log.console.enabled"));
        Assert.True(config.HasPath("uc.log.file.enabled"), "expected uc.log.file.enabled from the embedded Logging/reference.conf");
        Assert.Contains("reference.conf", config.GetValue("uc.log.file.enabled")!.Origin.Description);
    }

    [Fact]
    public void Load_with_a_missing_file_names_it()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.Load(["/nonexistent/uc/site.conf"], typeof(Config).Assembly));
        Assert.Contains("/nonexistent/uc/site.conf", error.Message);
    }

    [Fact]
    public void Assembly_without_reference_conf_contributes_nothing()
    {
        Assert.True(ConfigFactory.FromEmbeddedReferences(typeof(HoconSyntaxTests).Assembly).IsEmpty);
    }

    [Fact]
    public void Embedded_references_include_the_logging_reference()
    {
        var reference = ConfigFactory.FromEmbeddedReferences(typeof(Config).Assembly);
        Assert.Equal("info", reference.GetString("uc.log.level"));
        Assert.StartsWith("Cluster.Runtime:", reference.GetValue("uc.log.level")!.Origin.Description);
    }

    [Fact]
    public void WithFallback_keeps_the_receivers_values_and_merges_objects()
    {
        var high = ConfigFactory.ParseString("a { x = 1 }\nb = high");
        var low = ConfigFactory.ParseString("a { x = 0, y = 2 }\nb = low\nc = low");
        var merged = high.WithFallback(low);
        Assert.Equal(1, merged.GetInt("a.x"));
        Assert.Equal(2, merged.GetInt("a.y"));
        Assert.Equal("high", merged.GetString("b"));
        Assert.Equal("low", merged.GetString("c"));
        Assert.Equal("low", low.GetString("b"));
    }

    [Fact]
    public void Realistic_node_conf_reads_as_expected()
    {
        using var dir = new TempDirectory();
        dir.Write("partners/example.conf", """
            host = sip.partner.example
            port = 5061
            transport = mtls
            """);
        var node = dir.Write("node.conf", """
            # Node configuration for uc-1
            uc {
              node {
                name = uc-1
                data-dir = /var/lib/uc
                roles = [edge, entities]
              }
              remoting { hostname = "10.0.0.11", port = 4053 }
              persistence {
                plugin = postgresql
                postgresql.connection-string = "Host=db;Database=uc;Username=uc"
                sqlite.file = ${uc.node.data-dir}"/uc.db"
                group-commit { max-batch = 256, max-delay = 2ms }
              }
              membership {
                heartbeat-interval = 1s
                self-fence-timeout = 5s
                down-after = 10 seconds
              }
              sip.listen = [
                { transport = udp, port = 5060 }
                { transport = tls, port = 5061, certificate = ${uc.node.data-dir}/tls/node.pfx }
              ]
              media.rtp-ports { from = 30000, to = 33000 }
              turn.max-allocation-size = 64KiB
              federation.routes {
                partner-example { include "partners/example.conf", enabled = yes }
              }
              log {
                level = info
                levels { "Cluster.Edges.Sip" = debug }
              }
            }
            """);

        var config = ConfigFactory.ParseFile(node).Resolve();

        Assert.Equal("uc-1", config.GetString("uc.node.name"));
        Assert.Equal(["edge", "entities"], config.GetStringList("uc.node.roles"));
        Assert.Equal(4053, config.GetInt("uc.remoting.port"));
        Assert.Equal("/var/lib/uc/uc.db", config.GetString("uc.persistence.sqlite.file"));
        Assert.Equal(TimeSpan.FromMilliseconds(2), config.GetTimeSpan("uc.persistence.group-commit.max-delay"));
        Assert.Equal(TimeSpan.FromSeconds(10), config.GetTimeSpan("uc.membership.down-after"));
        var listen = config.GetList("uc.sip.listen");
        Assert.Equal(2, listen.Count);
        Assert.Equal("/var/lib/uc/tls/node.pfx", ((ConfigObject)listen[1])["certificate"].ToString());
        Assert.Equal(65_536, config.GetByteSize("uc.turn.max-allocation-size"));
        Assert.Equal(33000, config.GetInt("uc.media.rtp-ports.to"));
        Assert.Equal("sip.partner.example", config.GetString("uc.federation.routes.partner-example.host"));
        Assert.True(config.GetBoolean("uc.federation.routes.partner-example.enabled"));
        Assert.Equal(["Cluster.Edges.Sip"], config.GetObjectKeys("uc.log.levels"));
        Assert.Equal(new ConfigOrigin(node, 18), config.GetValue("uc.membership.down-after")!.Origin);
    }

    [Fact]
    public void Resolved_config_renders_to_hocon_that_parses_back_to_the_same_values()
    {
        var original = ConfigFactory.ParseString("""
            uc {
              name = "uc-1"
              "quoted.key" = "with \"quotes\" and\nnewline"
              numbers = [1, 2.5, -3e2]
              flags { on = true, off = false, nothing = null }
              nested = [{ a = 1 }, { b = [x, y] }]
              empty-object {}
              empty-list = []
              timeout = 5s
              derived = ${uc.name}"-suffix"
            }
            """).Resolve();

        var rendered = original.ToString();
        var reparsed = ConfigFactory.ParseString(rendered);

        Assert.Equal(rendered, reparsed.ToString());
        Assert.Equal("with \"quotes\" and\nnewline", reparsed.GetString("uc.\"quoted.key\""));
        Assert.Equal("uc-1-suffix", reparsed.GetString("uc.derived"));
        Assert.Equal(TimeSpan.FromSeconds(5), reparsed.GetTimeSpan("uc.timeout"));
        Assert.Equal(ConfigValueType.Number, reparsed.GetList("uc.numbers")[2].ValueType);
        Assert.Equal(ConfigValueType.Null, reparsed.GetValue("uc.flags.nothing")!.ValueType);
        var second = Assert.IsType<ConfigObject>(reparsed.GetList("uc.nested")[1]);
        Assert.Equal("y", Assert.IsType<ConfigList>(second["b"])[1].ToString());
    }

    [Fact]
    public void Unresolved_config_renders_substitutions_and_pending_merges_faithfully()
    {
        var original = ConfigFactory.ParseString("a = [1]\na += 2\npath = /bin\npath = ${path}\":/usr\"\nopt = 1\nopt = ${?UC_TEST_SURELY_UNSET_VARIABLE_3}");
        Assert.False(original.IsResolved);

        var reparsed = ConfigFactory.ParseString(original.ToString());

        Assert.Equal([1, 2], reparsed.GetIntList("a"));
        Assert.Equal("/bin:/usr", reparsed.GetString("path"));
        Assert.Equal(1, reparsed.GetInt("opt"));
    }

    [Fact]
    public void Render_with_origins_annotates_each_value()
    {
        var config = ConfigFactory.ParseString("a = 1\nb = 2", "n.conf");
        var rendered = config.ToString(includeOrigins: true);
        Assert.Contains("# n.conf:1\na = 1", rendered);
        Assert.Contains("# n.conf:2\nb = 2", rendered);
    }
}
