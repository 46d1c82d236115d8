using Cluster.Runtime.Hocon;

namespace Cluster.Runtime.Tests.Hocon;

public class HoconIncludeTests
{
    [Fact]
    public void Include_is_relative_to_the_including_file_not_the_working_directory()
    {
        using var dir = new TempDirectory();
        dir.Write("conf/common/base.conf", "uc.a = from-base\nuc.b = from-base");
        dir.Write("conf/common/more.conf", "uc.c = from-more");
        var node = dir.Write("conf/node.conf", "include \"common/base.conf\"\ninclude file(\"common/more.conf\")\nuc.b = from-node");

        var config = ConfigFactory.ParseFile(node);

        Assert.Equal("from-base", config.GetString("uc.a"));
        Assert.Equal("from-node", config.GetString("uc.b"));
        Assert.Equal("from-more", config.GetString("uc.c"));
        Assert.EndsWith("base.conf", config.GetValue("uc.a")!.Origin.Description);
    }

    [Fact]
    public void Nested_include_is_relative_to_the_file_that_contains_it()
    {
        using var dir = new TempDirectory();
        dir.Write("a/b/leaf.conf", "leaf = 1");
        dir.Write("a/mid.conf", "include \"b/leaf.conf\"");
        var top = dir.Write("top.conf", "include \"a/mid.conf\"");
        Assert.Equal(1, ConfigFactory.ParseFile(top).GetInt("leaf"));
    }

    [Fact]
    public void Include_inside_an_object_places_keys_under_that_object()
    {
        using var dir = new TempDirectory();
        dir.Write("route.conf", "host = partner.example\nport = 5061");
        var main = dir.Write("main.conf", "uc.federation.routes.partner { include \"route.conf\"\n transport = tls }");
        var config = ConfigFactory.ParseFile(main);
        Assert.Equal("partner.example", config.GetString("uc.federation.routes.partner.host"));
        Assert.Equal("tls", config.GetString("uc.federation.routes.partner.transport"));
    }

    [Fact]
    public void Missing_optional_include_is_ignored()
    {
        using var dir = new TempDirectory();
        var main = dir.Write("main.conf", "include \"not-there.conf\"\ninclude file(\"also-not-there.conf\")\na = 1");
        Assert.Equal(1, ConfigFactory.ParseFile(main).GetInt("a"));
    }

    [Fact]
    public void Missing_required_include_names_the_file_and_the_including_line()
    {
        using var dir = new TempDirectory();
        var main = dir.Write("main.conf", "a = 1\ninclude required(file(\"secrets.conf\"))");
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseFile(main));
        Assert.Contains("main.conf:2", error.Message);
        Assert.Contains("secrets.conf", error.Message);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void Include_cycle_is_reported()
    {
        using var dir = new TempDirectory();
        dir.Write("b.conf", "include \"a.conf\"");
        var a = dir.Write("a.conf", "include \"b.conf\"");
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseFile(a));
        Assert.Contains("include cycle: a.conf -> b.conf -> a.conf", error.Message);
    }

    [Fact]
    public void Unsupported_include_kinds_are_rejected_clearly()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseString("include url(\"http://x/y.conf\")", "u.conf"));
        Assert.Contains("u.conf:1:1", error.Message);
        Assert.Contains("url(...) is not supported", error.Message);
    }

    [Fact]
    public void Included_values_merge_with_the_including_files_values()
    {
        using var dir = new TempDirectory();
        dir.Write("defaults.conf", "uc.log { level = info, console = on }");
        var main = dir.Write("main.conf", "uc.log.level = debug\ninclude \"defaults.conf\"");
        var config = ConfigFactory.ParseFile(main);

        // The include comes later in the file, so its level wins, and the objects merge.
        Assert.Equal("info", config.GetString("uc.log.level"));
        Assert.True(config.GetBoolean("uc.log.console"));
    }

    [Fact]
    public void Missing_file_passed_to_ParseFile_names_it()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseFile("/nonexistent/dir/node.conf"));
        Assert.Contains("/nonexistent/dir/node.conf", error.Message);
    }
}
