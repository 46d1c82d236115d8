using Cluster.Runtime.Hocon;

namespace Cluster.Runtime.Tests.Hocon;

public class HoconSubstitutionTests
{
    [Fact]
    public void Substitution_refers_to_a_key_anywhere_in_the_tree_even_later()
    {
        var config = ConfigFactory.ParseString("a = ${b.c}\nb { c = 5 }\nd = ${a}");
        Assert.Equal(5, config.GetInt("a"));
        Assert.Equal(5, config.GetInt("d"));
    }

    [Fact]
    public void Substitution_of_an_object_copies_it()
    {
        var config = ConfigFactory.ParseString("base { port = 5060, transport = udp }\nedge = ${base} { port = 5061 }");
        Assert.Equal(5061, config.GetInt("edge.port"));
        Assert.Equal("udp", config.GetString("edge.transport"));
        Assert.Equal(5060, config.GetInt("base.port"));
    }

    [Fact]
    public void Substitutions_concatenate_with_strings()
    {
        var config = ConfigFactory.ParseString("dir = /var/lib/uc\njournal = ${dir}\"/journal.db\"\nlabel = node ${dir} end");
        Assert.Equal("/var/lib/uc/journal.db", config.GetString("journal"));
        Assert.Equal("node /var/lib/uc end", config.GetString("label"));
    }

    [Fact]
    public void Undefined_optional_substitution_leaves_the_earlier_value()
    {
        var config = ConfigFactory.ParseString("a = 1\na = ${?UC_TEST_SURELY_UNSET_VARIABLE_1}\nb = ${?UC_TEST_SURELY_UNSET_VARIABLE_1}");
        Assert.Equal(1, config.GetInt("a"));
        Assert.False(config.HasPath("b"));
        Assert.Null(config.GetValue("b"));
    }

    [Fact]
    public void Optional_substitution_falls_back_to_an_environment_variable()
    {
        Environment.SetEnvironmentVariable("UC_TEST_HOCON_DATA_DIR", "/srv/uc");
        try
        {
            var config = ConfigFactory.ParseString("dir = /default\ndir = ${?UC_TEST_HOCON_DATA_DIR}\nfile = ${?UC_TEST_HOCON_DATA_DIR}\"/db\"");
            Assert.Equal("/srv/uc", config.GetString("dir"));
            Assert.Equal("/srv/uc/db", config.GetString("file"));
            Assert.Equal("env var UC_TEST_HOCON_DATA_DIR", config.GetValue("dir")!.Origin.Description);
        }
        finally
        {
            Environment.SetEnvironmentVariable("UC_TEST_HOCON_DATA_DIR", null);
        }
    }

    [Fact]
    public void Required_substitution_also_falls_back_to_an_environment_variable()
    {
        Environment.SetEnvironmentVariable("UC_TEST_HOCON_REQUIRED", "42");
        try
        {
            Assert.Equal(42, ConfigFactory.ParseString("port = ${UC_TEST_HOCON_REQUIRED}").GetInt("port"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("UC_TEST_HOCON_REQUIRED", null);
        }
    }

    [Fact]
    public void Key_in_the_config_wins_over_an_environment_variable_of_the_same_name()
    {
        Environment.SetEnvironmentVariable("UC_TEST_HOCON_SHADOWED", "from-env");
        try
        {
            var config = ConfigFactory.ParseString("UC_TEST_HOCON_SHADOWED = from-config\nv = ${?UC_TEST_HOCON_SHADOWED}");
            Assert.Equal("from-config", config.GetString("v"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("UC_TEST_HOCON_SHADOWED", null);
        }
    }

    [Fact]
    public void Self_referential_substitution_sees_the_earlier_value()
    {
        var config = ConfigFactory.ParseString("path = /bin\npath = ${path}\":/usr/bin\"\npath = ${path}\":/opt\"");
        Assert.Equal("/bin:/usr/bin:/opt", config.GetString("path"));
    }

    [Fact]
    public void Self_reference_in_a_file_sees_the_fallback_value()
    {
        var reference = ConfigFactory.ParseString("uc.paths = [a]\nuc.name = ref");
        var user = ConfigFactory.ParseString("uc.paths = ${uc.paths} [b]\nuc.name = ${uc.name}-user");
        var config = user.WithFallback(reference).Resolve();
        Assert.Equal(["a", "b"], config.GetStringList("uc.paths"));
        Assert.Equal("ref-user", config.GetString("uc.name"));
    }

    [Fact]
    public void Self_referential_object_extends_the_earlier_object()
    {
        var config = ConfigFactory.ParseString("foo { a = 1 }\nfoo = ${foo} { b = 2 }");
        Assert.Equal(1, config.GetInt("foo.a"));
        Assert.Equal(2, config.GetInt("foo.b"));
    }

    [Fact]
    public void File_can_refer_to_reference_defaults()
    {
        var reference = ConfigFactory.ParseString("uc.node.data-dir = /var/lib/uc");
        var user = ConfigFactory.ParseString("uc.sqlite.file = ${uc.node.data-dir}\"/uc.db\"");
        Assert.Equal("/var/lib/uc/uc.db", user.WithFallback(reference).GetString("uc.sqlite.file"));
    }

    [Fact]
    public void Later_layer_changes_what_an_earlier_layer_substitution_sees()
    {
        var reference = ConfigFactory.ParseString("uc.dir = /default\nuc.db = ${uc.dir}/db");
        var user = ConfigFactory.ParseString("uc.dir = /srv");
        Assert.Equal("/srv/db", user.WithFallback(reference).GetString("uc.db"));
    }

    [Fact]
    public void Unresolved_required_substitution_names_file_line_key_and_path()
    {
        var config = ConfigFactory.ParseString("a = 1\nuc.x = ${uc.missing}", "node.conf");
        var error = Assert.Throws<ConfigException>(() => config.Resolve());
        Assert.Contains("node.conf:2", error.Message);
        Assert.Contains("'uc.x'", error.Message);
        Assert.Contains("${uc.missing}", error.Message);
    }

    [Fact]
    public void Substitution_cycle_is_reported_not_overflowed()
    {
        var config = ConfigFactory.ParseString("a = ${b}\nb = ${c}\nc = ${a}", "cycle.conf");
        var error = Assert.Throws<ConfigException>(() => config.GetString("a"));
        Assert.Contains("cycle", error.Message);
        Assert.Contains("cycle.conf:1", error.Message);
        Assert.Contains("${b} -> ${c} -> ${a}", error.Message);
    }

    [Fact]
    public void Self_reference_without_any_earlier_value_is_an_error_unless_optional()
    {
        var required = ConfigFactory.ParseString("a = ${a} x", "s.conf");
        var error = Assert.Throws<ConfigException>(() => required.Resolve());
        Assert.Contains("s.conf:1: key 'a'", error.Message);

        var optional = ConfigFactory.ParseString("a = ${?a} x");
        Assert.Equal("x", optional.GetString("a"));
    }

    [Fact]
    public void Concatenating_an_object_with_a_string_is_an_error()
    {
        var config = ConfigFactory.ParseString("o { x = 1 }\nbad = ${o} text", "mix.conf");
        var error = Assert.Throws<ConfigException>(() => config.Resolve());
        Assert.Contains("mix.conf:2", error.Message);
        Assert.Contains("'bad'", error.Message);
        Assert.Contains("cannot concatenate an object", error.Message);
    }

    [Fact]
    public void Optional_substitution_inside_a_list_that_is_undefined_drops_the_element()
    {
        var config = ConfigFactory.ParseString("l = [a, ${?UC_TEST_SURELY_UNSET_VARIABLE_2}, b]");
        Assert.Equal(["a", "b"], config.GetStringList("l"));
    }
}
