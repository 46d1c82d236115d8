using Cluster.Shell.Client;

namespace Cluster.Shell.Tests;

public class ShellOptionsTests
{
    private static ShellOptions Parse(params string[] args) => ShellOptions.Parse(args, _ => null);

    [Fact]
    public void Defaults_to_loopback_9110_and_interactive()
    {
        var options = Parse();
        Assert.Equal(new ShellEndpoint("127.0.0.1", 9110), options.Endpoint);
        Assert.Empty(options.Command);
    }

    [Fact]
    public void First_word_is_the_endpoint_only_when_it_is_host_and_port()
    {
        var withEndpoint = Parse("10.0.0.5:9111", "cluster", "show");
        Assert.Equal(new ShellEndpoint("10.0.0.5", 9111), withEndpoint.Endpoint);
        Assert.Equal(["cluster", "show"], withEndpoint.Command);
        var withoutEndpoint = Parse("cluster", "show");
        Assert.Equal(ShellEndpoint.Default, withoutEndpoint.Endpoint);
        Assert.Equal(["cluster", "show"], withoutEndpoint.Command);
        Assert.Equal(new ShellEndpoint("::1", 9110), Parse("[::1]:9110").Endpoint);
    }

    [Fact]
    public void Words_after_the_command_are_passed_through_unchanged()
    {
        Assert.Equal(["sharding", "where", "u1", "--region", "users", "--token", "x"],
            Parse("--token", "t0k", "sharding", "where", "u1", "--region", "users", "--token", "x").Command);
    }

    [Fact]
    public void Token_comes_from_the_option_or_the_environment()
    {
        Assert.Equal("from-env", ShellOptions.Parse([], name => name == "UC_TOKEN" ? "from-env" : null).Token);
        Assert.Equal("from-arg", ShellOptions.Parse(["--token=from-arg"], name => name == "UC_TOKEN" ? "from-env" : null).Token);
    }

    [Theory]
    [InlineData(new[] { "--token" }, "--token needs a value: --token TOKEN")]
    [InlineData(new[] { "--timeout", "soon" }, "--timeout expects seconds between 0 and 3600, got 'soon'")]
    [InlineData(new[] { "-x" }, "unknown option -x for uc; shell options come before the command (see uc --help)")]
    public void Bad_shell_arguments_are_usage_errors(string[] args, string message)
    {
        Assert.Equal(message, Assert.Throws<ShellUsageException>(() => Parse(args)).Message);
    }

    [Fact]
    public void Invalid_ports_are_not_endpoints()
    {
        Assert.False(ShellEndpoint.TryParse("host:0", out _));
        Assert.False(ShellEndpoint.TryParse("host:70000", out _));
        Assert.False(ShellEndpoint.TryParse("a:b:c", out _));
        Assert.False(ShellEndpoint.TryParse(":9110", out _));
    }
}
