using Cluster.Runtime.Hocon;

namespace Cluster.Runtime.Tests.Hocon;

/// <summary>Tricky cases taken from the examples of the Lightbend HOCON specification.</summary>
public class HoconSpecCasesTests
{
    [Fact]
    public void Self_reference_to_a_child_uses_the_earlier_object_then_merges_the_later_one()
    {
        // Spec, "Self-referential substitutions": foo ends up { c : 1, a : 2 }.
        var config = ConfigFactory.ParseString("foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }");
        Assert.Equal(1, config.GetInt("foo.c"));
        Assert.Equal(2, config.GetInt("foo.a"));
    }

    [Fact]
    public void Substitution_sees_the_final_value_of_the_merged_tree()
    {
        // Spec, "Substitutions": bar.baz follows the later bar.foo.
        var config = ConfigFactory.ParseString("bar : { foo : 42, baz : ${bar.foo} }\nbar : { foo : 43 }");
        Assert.Equal(43, config.GetInt("bar.baz"));
    }

    [Fact]
    public void Inheritance_by_substitution_and_object_concatenation()
    {
        // Spec, "Value concatenation" data-center example.
        var config = ConfigFactory.ParseString("""
            data-center-generic = { cluster-size = 6 }
            data-center-east = ${data-center-generic} { name = "east" }
            """);
        Assert.Equal(6, config.GetInt("data-center-east.cluster-size"));
        Assert.Equal("east", config.GetString("data-center-east.name"));
        Assert.False(config.HasPath("data-center-generic.name"));
    }

    [Fact]
    public void Triple_quoted_string_absorbs_extra_closing_quotes()
    {
        // Spec, "Multi-line strings": """foo"""" is foo".
        Assert.Equal("foo\"", ConfigFactory.ParseString("a = \"\"\"foo\"\"\"\"").GetString("a"));
    }

    [Fact]
    public void Simple_values_of_mixed_types_concatenate_into_a_string()
    {
        // Spec, "String value concatenation".
        Assert.Equal("true xyz 123 foo", ConfigFactory.ParseString("a : true \"xyz\" 123 foo").GetString("a"));
    }

    [Fact]
    public void Mutual_substitutions_are_a_cycle()
    {
        var config = ConfigFactory.ParseString("bar : ${foo}\nfoo : ${bar}");
        var error = Assert.Throws<ConfigException>(() => config.Resolve());
        Assert.Contains("cycle", error.Message);
    }

    [Fact]
    public void Later_plain_value_replaces_an_earlier_self_referential_one()
    {
        var config = ConfigFactory.ParseString("a = x\na = ${a}y\na = z");
        Assert.Equal("z", config.GetString("a"));
    }

    [Fact]
    public void Later_object_replaces_an_earlier_scalar_and_a_later_null_replaces_an_object()
    {
        var config = ConfigFactory.ParseString("a = 1\na { b = 2 }\nc { d = 1 }\nc = null");
        Assert.Equal(2, config.GetInt("a.b"));
        Assert.False(config.HasPath("c"));
    }

    [Fact]
    public void Number_like_keys_are_paths()
    {
        // Spec, "Paths as keys": 10.0 is the path 10 -> 0.
        var config = ConfigFactory.ParseString("10.0 = x");
        Assert.Equal("x", config.GetString("\"10\".\"0\""));
    }
}
