using Cluster.Runtime.Hocon;

namespace Cluster.Runtime.Tests.Hocon;

public class ConfigValidatorTests
{
    private static readonly Config Reference = ConfigFactory.ParseString("""
        uc {
          log {
            level = info
            levels = {}
            console { enabled = on, template = "x" }
          }
          node { name = "", data-dir = "./data" }
        }
        """, "reference.conf");

    [Fact]
    public void Known_keys_pass()
    {
        var user = ConfigFactory.ParseString("uc.log.level = debug\nuc.node { name = a }\nother.tool.setting = 1");
        Assert.Empty(ConfigValidator.FindUnknownKeys(user, Reference));
        ConfigValidator.CheckKnownKeys(user, Reference);
    }

    [Fact]
    public void Typo_is_reported_with_file_line_key_and_closest_known_key()
    {
        var user = ConfigFactory.ParseString("uc {\n  log {\n    levle = debug\n  }\n}", "node.conf");
        var problem = Assert.Single(ConfigValidator.FindUnknownKeys(user, Reference));
        Assert.Equal("uc.log.levle", problem.Path);
        Assert.Equal("uc.log.level", problem.Suggestion);
        Assert.Equal(new ConfigOrigin("node.conf", 3), problem.Origin);

        var error = Assert.Throws<ConfigException>(() => ConfigValidator.CheckKnownKeys(user, Reference));
        Assert.Equal("node.conf:3: key 'uc.log.levle': unknown setting (not in reference.conf); did you mean 'uc.log.level'?", error.Message);
    }

    [Fact]
    public void Key_in_the_wrong_section_suggests_where_it_lives()
    {
        var user = ConfigFactory.ParseString("uc.log.data-dir = /srv", "node.conf");
        var problem = Assert.Single(ConfigValidator.FindUnknownKeys(user, Reference));
        Assert.Equal("uc.node.data-dir", problem.Suggestion);
    }

    [Fact]
    public void Unrelated_unknown_key_lists_the_known_keys()
    {
        var user = ConfigFactory.ParseString("uc.node.completely-different = 1", "node.conf");
        var problem = Assert.Single(ConfigValidator.FindUnknownKeys(user, Reference));
        Assert.Null(problem.Suggestion);
        Assert.Contains("known keys of 'uc.node': name, data-dir", problem.Message);
    }

    [Fact]
    public void Open_map_accepts_arbitrary_keys()
    {
        var user = ConfigFactory.ParseString("uc.log.levels { \"Cluster.Edges.Sip\" = debug, Cluster.Runtime { deep = 1 } }");
        Assert.Empty(ConfigValidator.FindUnknownKeys(user, Reference));
    }

    [Fact]
    public void Several_unknown_keys_are_all_reported_at_once()
    {
        var user = ConfigFactory.ParseString("uc.log.levle = debug\nuc.nod.name = x\nuc.log.console.enabeld = off", "node.conf");
        var problems = ConfigValidator.FindUnknownKeys(user, Reference);
        Assert.Equal(["uc.log.console.enabeld", "uc.log.levle", "uc.nod"], problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        var error = Assert.Throws<ConfigException>(() => ConfigValidator.CheckKnownKeys(user, Reference));
        Assert.Contains("3 unknown configuration keys", error.Message);
        Assert.Contains("node.conf:2: key 'uc.nod'", error.Message);
        Assert.Contains("did you mean 'uc.node'?", error.Message);
    }

    [Fact]
    public void Scalar_where_a_section_is_expected_is_reported()
    {
        var user = ConfigFactory.ParseString("uc.log.console = yes", "node.conf");
        var problem = Assert.Single(ConfigValidator.FindUnknownKeys(user, Reference));
        Assert.Contains("node.conf:1: key 'uc.log.console': expected an object", problem.Message);
    }

    [Fact]
    public void Keys_outside_the_checked_root_are_ignored()
    {
        var user = ConfigFactory.ParseString("akka.whatever = 1\nserilog.x = 2");
        Assert.Empty(ConfigValidator.FindUnknownKeys(user, Reference));
    }
}
