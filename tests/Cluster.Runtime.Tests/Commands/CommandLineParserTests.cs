using Cluster.Runtime.Commands;
using Cluster.Runtime.Commands.Parsing;

namespace Cluster.Runtime.Tests.Commands;

public class CommandLineParserTests
{
    private static readonly CommandDefinition Where = new("where", "Where an entity lives",
        (_, _, _) => Task.CompletedTask,
        arguments: [new CommandArgument("entity-id", "entity id")],
        options:
        [
            CommandOption.Value("region", "shard region type", 'r', required: true),
            CommandOption.Value("tag", "tag filter", 't', repeatable: true),
            CommandOption.Value("limit", "row limit", 'l'),
            CommandOption.Flag("verbose", "more detail", 'v'),
        ]);

    private static CommandInvocation Parse(params string[] words) => CommandLineParser.Parse("sharding", Where, words, isJson: false);

    private static string ErrorOf(params string[] words) => Assert.Throws<CommandUsageException>(() => Parse(words)).Message;

    [Fact]
    public void Unknown_option_names_the_command_and_lists_known_options()
    {
        Assert.Equal("unknown option --foo for 'sharding where'; known: -r/--region, -t/--tag, -l/--limit, -v/--verbose",
            ErrorOf("user1", "-r", "users", "--foo"));
    }

    [Fact]
    public void Unknown_option_on_a_command_without_options_says_it_takes_none()
    {
        var bare = new CommandDefinition("show", "Show", (_, _, _) => Task.CompletedTask);
        var error = Assert.Throws<CommandUsageException>(() => CommandLineParser.Parse("cluster", bare, ["-x"], false));
        Assert.Equal("unknown option -x for 'cluster show'; it takes no options", error.Message);
    }

    [Fact]
    public void Missing_required_option_is_reported_with_its_value_name()
    {
        Assert.Equal("missing required option -r/--region <region> for 'sharding where'", ErrorOf("user1"));
    }

    [Fact]
    public void Value_option_does_not_swallow_a_following_option()
    {
        Assert.Equal("option --region for 'sharding where' needs a value: --region <region>", ErrorOf("user1", "--region", "--verbose"));
    }

    [Fact]
    public void Flag_given_a_value_is_rejected()
    {
        Assert.Equal("option --verbose for 'sharding where' is a flag and takes no value (got 'yes')", ErrorOf("u", "-r", "x", "--verbose=yes"));
    }

    [Fact]
    public void Non_repeatable_option_given_twice_is_rejected()
    {
        Assert.Equal("option -r/--region for 'sharding where' may be given only once", ErrorOf("u", "-r", "a", "--region", "b"));
    }

    [Fact]
    public void Missing_argument_shows_usage()
    {
        Assert.Equal("missing argument <entity-id> for 'sharding where'; usage: sharding where <entity-id> -r/--region <region> [-t/--tag <tag>...] [-l/--limit <limit>] [-v/--verbose] [--json]",
            ErrorOf("-r", "users"));
    }

    [Fact]
    public void Extra_argument_is_rejected_with_expected_arguments()
    {
        Assert.Equal("unexpected argument 'two' for 'sharding where'; it takes <entity-id>", ErrorOf("one", "two", "-r", "x"));
    }

    [Fact]
    public void All_option_forms_are_accepted_and_values_read_by_declared_name()
    {
        var invocation = Parse("alice@example.com", "--region=users", "-t", "a", "--tag", "b", "-l=5", "-v");
        Assert.Equal("alice@example.com", invocation.Argument("entity-id"));
        Assert.Equal("users", invocation.Option("region"));
        Assert.Equal(["a", "b"], invocation.Options("tag"));
        Assert.Equal(5, invocation.IntOption("limit", 10));
        Assert.True(invocation.Flag("verbose"));
    }

    [Fact]
    public void Double_dash_ends_options_and_negative_numbers_are_values()
    {
        var invocation = Parse("-r", "users", "-l", "-3", "--", "-odd-id");
        Assert.Equal("-odd-id", invocation.Argument("entity-id"));
        Assert.Equal("-3", invocation.Option("limit"));
        Assert.False(invocation.Flag("verbose"));
    }

    [Fact]
    public void Integer_option_out_of_range_is_a_usage_error()
    {
        var invocation = Parse("u", "-r", "x", "--limit", "abc");
        Assert.Equal("option --limit for 'sharding where' expects a whole number, got 'abc'",
            Assert.Throws<CommandUsageException>(() => invocation.IntOption("limit", 1)).Message);
        var tooBig = Parse("u", "-r", "x", "--limit", "500");
        Assert.Equal("option --limit for 'sharding where' must be between 1 and 100, got 500",
            Assert.Throws<CommandUsageException>(() => tooBig.IntOption("limit", 1, 1, 100)).Message);
    }

    [Fact]
    public void Asking_for_an_undeclared_name_is_a_programming_error()
    {
        var invocation = Parse("u", "-r", "x");
        Assert.Throws<ArgumentException>(() => invocation.Option("nope"));
    }

    [Fact]
    public void Repeatable_last_argument_takes_the_rest()
    {
        var kick = new CommandDefinition("kick", "Kick sessions", (_, _, _) => Task.CompletedTask,
            arguments: [new CommandArgument("reason", "why"), new CommandArgument("session", "session ids", isRequired: true, isRepeatable: true)]);
        var invocation = CommandLineParser.Parse("user", kick, ["maintenance", "s1", "s2"], false);
        Assert.Equal("maintenance", invocation.Argument("reason"));
        Assert.Equal(["s1", "s2"], invocation.Arguments("session"));
        Assert.Equal("missing argument <session> for 'user kick'; usage: user kick <reason> <session>... [--json]",
            Assert.Throws<CommandUsageException>(() => CommandLineParser.Parse("user", kick, ["maintenance"], false)).Message);
    }

    [Fact]
    public void Declarations_that_would_be_ambiguous_are_refused()
    {
        Task Noop(CommandInvocation i, CommandOutput o, CancellationToken c) => Task.CompletedTask;
        Assert.Throws<ArgumentException>(() => new CommandDefinition("x", "d", Noop,
            arguments: [new CommandArgument("a", "d", isRepeatable: true), new CommandArgument("b", "d")]));
        Assert.Throws<ArgumentException>(() => new CommandDefinition("x", "d", Noop,
            arguments: [new CommandArgument("a", "d", isRequired: false), new CommandArgument("b", "d")]));
        Assert.Throws<ArgumentException>(() => new CommandDefinition("x", "d", Noop, options: [CommandOption.Flag("json", "d")]));
        Assert.Throws<ArgumentException>(() => new CommandDefinition("x", "d", Noop, options: [CommandOption.Flag("all", "d", 'h')]));
        Assert.Throws<ArgumentException>(() => new CommandDefinition("x", "d", Noop,
            options: [CommandOption.Flag("all", "d", 'a'), CommandOption.Flag("any", "d", 'a')]));
        Assert.Throws<ArgumentException>(() => new CommandDefinition("Bad_Name", "d", Noop));
        Assert.Throws<ArgumentException>(() => new CommandPalette("help", "d", [new CommandDefinition("x", "d", Noop)]));
    }
}
