using Cluster.Runtime.Hocon;

namespace Cluster.Runtime.Tests.Hocon;

public class ConfigGetterTests
{
    [Theory]
    [InlineData("5s", 5_000)]
    [InlineData("200ms", 200)]
    [InlineData("1 minute", 60_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1.5 seconds", 1_500)]
    [InlineData("3d", 259_200_000)]
    [InlineData("250", 250)]
    [InlineData("\"10 s\"", 10_000)]
    public void Durations_accept_spec_units(string text, long expectedMs)
    {
        var config = ConfigFactory.ParseString($"t = {text}");
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), config.GetTimeSpan("t"));
    }

    [Fact]
    public void Sub_millisecond_durations_keep_their_precision()
    {
        var config = ConfigFactory.ParseString("a = 500us\nb = 100ns");
        Assert.Equal(TimeSpan.FromTicks(5_000), config.GetTimeSpan("a"));
        Assert.Equal(TimeSpan.FromTicks(1), config.GetTimeSpan("b"));
    }

    [Theory]
    [InlineData("off")]
    [InlineData("infinite")]
    public void Off_is_infinite_only_where_allowed(string text)
    {
        var config = ConfigFactory.ParseString($"t = {text}", "d.conf");
        Assert.Equal(Timeout.InfiniteTimeSpan, config.GetTimeSpan("t", allowInfinite: true));
        var error = Assert.Throws<ConfigException>(() => config.GetTimeSpan("t"));
        Assert.Contains("d.conf:1: key 't'", error.Message);
        Assert.Contains("not allowed", error.Message);
    }

    [Fact]
    public void Bad_duration_names_file_line_key_and_the_valid_units()
    {
        var config = ConfigFactory.ParseString("uc {\n  timeout = 5 fortnights\n}", "node.conf");
        var error = Assert.Throws<ConfigException>(() => config.GetTimeSpan("uc.timeout"));
        Assert.Contains("node.conf:2: key 'uc.timeout'", error.Message);
        Assert.Contains("unknown unit 'fortnights'", error.Message);
    }

    [Theory]
    [InlineData("64KiB", 65_536)]
    [InlineData("10MB", 10_000_000)]
    [InlineData("1 GiB", 1_073_741_824)]
    [InlineData("512", 512)]
    [InlineData("2k", 2_048)]
    [InlineData("1.5 MiB", 1_572_864)]
    [InlineData("3 kB", 3_000)]
    public void Sizes_distinguish_powers_of_ten_and_two(string text, long expected)
    {
        Assert.Equal(expected, ConfigFactory.ParseString($"s = {text}").GetByteSize("s"));
    }

    [Fact]
    public void Bad_size_names_file_line_and_key()
    {
        var config = ConfigFactory.ParseString("x = 1\nbuffer = 10 parsecs", "node.conf");
        var error = Assert.Throws<ConfigException>(() => config.GetByteSize("buffer"));
        Assert.Contains("node.conf:2: key 'buffer'", error.Message);
        Assert.Contains("not a size", error.Message);
    }

    [Fact]
    public void Wrong_type_error_names_file_line_key_and_both_types()
    {
        var config = ConfigFactory.ParseString("uc {\n  node {\n    data-dir { x = 1 }\n  }\n}", "node.conf");
        var error = Assert.Throws<ConfigException>(() => config.GetString("uc.node.data-dir"));
        Assert.Equal("node.conf:3: key 'uc.node.data-dir': expected a string but found an object", error.Message);
    }

    [Fact]
    public void Non_numeric_int_is_an_error_naming_the_value()
    {
        var config = ConfigFactory.ParseString("port = fivethousand", "node.conf");
        var error = Assert.Throws<ConfigException>(() => config.GetInt("port"));
        Assert.Contains("node.conf:1: key 'port': expected an int (a whole number) but found the string 'fivethousand'", error.Message);
    }

    [Fact]
    public void Int_out_of_range_is_an_error()
    {
        var config = ConfigFactory.ParseString("n = 9999999999");
        Assert.Equal(9_999_999_999L, config.GetLong("n"));
        var error = Assert.Throws<ConfigException>(() => config.GetInt("n"));
        Assert.Contains("out of range", error.Message);
    }

    [Fact]
    public void Missing_key_without_default_is_an_error_and_with_default_returns_it()
    {
        var config = ConfigFactory.ParseString("uc.node { name = a }", "node.conf");
        var error = Assert.Throws<ConfigException>(() => config.GetInt("uc.node.port"));
        Assert.Contains("key 'uc.node.port'", error.Message);
        Assert.Contains("node.conf:1", error.Message);
        Assert.Equal(4053, config.GetInt("uc.node.port", 4053));
        Assert.Equal("fallback", config.GetString("uc.other", "fallback"));
        Assert.Null(config.GetString("uc.other", null));
        Assert.Equal(TimeSpan.FromSeconds(3), config.GetTimeSpan("uc.t", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Null_value_counts_as_absent_for_defaults()
    {
        var config = ConfigFactory.ParseString("a = null");
        Assert.Equal("d", config.GetString("a", "d"));
        Assert.Throws<ConfigException>(() => config.GetString("a"));
    }

    [Fact]
    public void List_element_of_wrong_type_is_reported_with_its_index()
    {
        var config = ConfigFactory.ParseString("ports = [5060, 5061, {}]", "l.conf");
        var error = Assert.Throws<ConfigException>(() => config.GetIntList("ports"));
        Assert.Contains("key 'ports[2]'", error.Message);
        Assert.Contains("found an object", error.Message);
    }

    [Fact]
    public void GetConfig_returns_the_sub_tree_and_empty_when_absent()
    {
        var config = ConfigFactory.ParseString("uc.log { level = info }");
        var log = config.GetConfig("uc.log");
        Assert.Equal("info", log.GetString("level"));
        Assert.True(config.GetConfig("uc.nothing").IsEmpty);
        Assert.Throws<ConfigException>(() => config.GetConfig("uc.log.level"));
    }

    [Fact]
    public void Children_enumerate_in_written_order()
    {
        var config = ConfigFactory.ParseString("routes { zeta { p = 1 }, alpha { p = 2 }, mid { p = 3 } }");
        Assert.Equal(["zeta", "alpha", "mid"], config.GetObjectKeys("routes"));
        Assert.Equal(["routes"], config.AsEnumerable().Select(kv => kv.Key));
        Assert.Empty(config.GetObjectKeys("absent"));
    }

    [Fact]
    public void Looking_inside_a_scalar_is_an_error()
    {
        var config = ConfigFactory.ParseString("a = 1", "x.conf");
        var error = Assert.Throws<ConfigException>(() => config.GetString("a.b"));
        Assert.Contains("x.conf:1: key 'a.b'", error.Message);
    }
}
