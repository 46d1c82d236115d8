using Cluster.Runtime.Hocon;

namespace Cluster.Runtime.Tests.Hocon;

public class HoconSyntaxTests
{
    [Fact]
    public void Root_braces_are_optional()
    {
        var braced = ConfigFactory.ParseString("{ a = 1, b = 2 }");
        var bare = ConfigFactory.ParseString("a = 1\nb = 2");
        Assert.Equal(braced.GetInt("a"), bare.GetInt("a"));
        Assert.Equal(2, braced.GetInt("b"));
        Assert.Equal(2, bare.GetInt("b"));
    }

    [Fact]
    public void Equals_colon_and_brace_separators_are_equivalent()
    {
        var config = ConfigFactory.ParseString("a = 1\nb : 2\nc { d = 3 }\ne: { f: 4 }");
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal(3, config.GetInt("c.d"));
        Assert.Equal(4, config.GetInt("e.f"));
    }

    [Fact]
    public void Dotted_keys_create_nested_objects_and_merge_with_braced_ones()
    {
        var config = ConfigFactory.ParseString("a.b.c = 1\na { b { d = 2 } }\na.e = 3");
        Assert.Equal(1, config.GetInt("a.b.c"));
        Assert.Equal(2, config.GetInt("a.b.d"));
        Assert.Equal(3, config.GetInt("a.e"));
        Assert.Equal(["b", "e"], config.GetObjectKeys("a"));
    }

    [Fact]
    public void Quoted_key_keeps_dots_inside_one_element()
    {
        var config = ConfigFactory.ParseString("levels { \"Cluster.Edges.Sip\" = debug }");
        Assert.Equal(["Cluster.Edges.Sip"], config.GetObjectKeys("levels"));
        Assert.Equal("debug", config.GetString("levels.\"Cluster.Edges.Sip\""));
    }

    [Fact]
    public void Hash_and_double_slash_comments_are_ignored_but_not_inside_quotes()
    {
        var config = ConfigFactory.ParseString("# header\na = 1 # trailing\n// another\nb = \"x # not a comment // either\"\nc = abc// comment");
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal("x # not a comment // either", config.GetString("b"));
        Assert.Equal("abc", config.GetString("c"));
    }

    [Fact]
    public void Commas_and_newlines_both_separate_fields_and_list_elements()
    {
        var config = ConfigFactory.ParseString("a = 1, b = 2\nlist = [1, 2\n 3,\n]\nempty = []");
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal([1, 2, 3], config.GetIntList("list"));
        Assert.Empty(config.GetIntList("empty"));
    }

    [Fact]
    public void Scalars_are_typed_by_their_form()
    {
        var config = ConfigFactory.ParseString("n = 42\nd = -1.5e3\nt = true\nf = false\nz = null\ns = hello\nq = \"42\"");
        Assert.Equal(ConfigValueType.Number, config.GetValue("n")!.ValueType);
        Assert.Equal(-1500.0, config.GetDouble("d"));
        Assert.True(config.GetBoolean("t"));
        Assert.False(config.GetBoolean("f"));
        Assert.Equal(ConfigValueType.Null, config.GetValue("z")!.ValueType);
        Assert.False(config.HasPath("z"));
        Assert.Equal("hello", config.GetString("s"));
        Assert.Equal(ConfigValueType.String, config.GetValue("q")!.ValueType);
        Assert.Equal(42, config.GetInt("q"));
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    public void Yes_no_on_off_are_booleans_for_boolean_getters(string text, bool expected)
    {
        Assert.Equal(expected, ConfigFactory.ParseString($"flag = {text}").GetBoolean("flag"));
    }

    [Fact]
    public void Quoted_strings_decode_json_escapes()
    {
        var config = ConfigFactory.ParseString("s = \"tab\\there \\\"q\\\" \\u00e9 back\\\\slash\"");
        Assert.Equal("tab\there \"q\" é back\\slash", config.GetString("s"));
    }

    [Fact]
    public void Triple_quoted_strings_are_raw_and_may_span_lines()
    {
        var config = ConfigFactory.ParseString("s = \"\"\"line1\n  \"quoted\" \\n raw\"\"\"\nnext = 1");
        Assert.Equal("line1\n  \"quoted\" \\n raw", config.GetString("s"));
        Assert.Equal(1, config.GetInt("next"));
        Assert.Equal(3, config.GetValue("next")!.Origin.Line);
    }

    [Fact]
    public void Unquoted_values_concatenate_with_their_inner_whitespace()
    {
        var config = ConfigFactory.ParseString("a = hello   big world  \nb = \"x\" y \"z\"\nc = 1 2");
        Assert.Equal("hello   big world", config.GetString("a"));
        Assert.Equal("x y z", config.GetString("b"));
        Assert.Equal("1 2", config.GetString("c"));
    }

    [Fact]
    public void Lists_and_objects_concatenate()
    {
        var config = ConfigFactory.ParseString("l = [1, 2] [3]\no = { a = 1, b = 1 } { b = 2 }");
        Assert.Equal([1, 2, 3], config.GetIntList("l"));
        Assert.Equal(1, config.GetInt("o.a"));
        Assert.Equal(2, config.GetInt("o.b"));
    }

    [Fact]
    public void Later_duplicate_objects_merge_and_non_objects_replace()
    {
        var config = ConfigFactory.ParseString("a { x = 1, y = 1 }\na { y = 2, z = 2 }\nb = { x = 1 }\nb = 5\nc = 5\nc { x = 1 }");
        Assert.Equal(1, config.GetInt("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
        Assert.Equal(2, config.GetInt("a.z"));
        Assert.Equal(5, config.GetInt("b"));
        Assert.Equal(1, config.GetInt("c.x"));
    }

    [Fact]
    public void Plus_equals_appends_to_a_list_and_creates_it_when_absent()
    {
        var config = ConfigFactory.ParseString("a = [1]\na += 2\na += 3\nb += x");
        Assert.Equal([1, 2, 3], config.GetIntList("a"));
        Assert.Equal(["x"], config.GetStringList("b"));
    }

    [Fact]
    public void Values_remember_their_line()
    {
        var config = ConfigFactory.ParseString("a {\n  b = 1\n\n  c = [\n    x\n  ]\n}", "test.conf");
        Assert.Equal(new ConfigOrigin("test.conf", 2), config.GetValue("a.b")!.Origin);
        Assert.Equal(4, config.GetValue("a.c")!.Origin.Line);
        Assert.Equal(5, config.GetList("a.c")[0].Origin.Line);
    }

    [Fact]
    public void Parsing_a_500_line_file_takes_milliseconds()
    {
        var text = string.Join('\n', Enumerable.Range(0, 100).Select(i =>
            $"uc.section{i % 10} {{\n  key{i} = \"value {i}\"\n  timeout{i} = {i}s\n  list{i} = [1, 2, 3]\n}}"));
        ConfigFactory.ParseString(text).Resolve();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var config = ConfigFactory.ParseString(text).Resolve();
        watch.Stop();
        Assert.Equal(TimeSpan.FromSeconds(99), config.GetTimeSpan("uc.section9.timeout99"));
        Assert.True(watch.ElapsedMilliseconds < 200, $"expected a 500-line file to parse in well under 200 ms, took {watch.ElapsedMilliseconds} ms");
    }
}
