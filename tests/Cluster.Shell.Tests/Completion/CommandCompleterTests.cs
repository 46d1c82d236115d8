using Cluster.Runtime.Commands.Protocol;
using Cluster.Shell.Completion;

namespace Cluster.Shell.Tests.Completion;

public class CommandCompleterTests
{
    private static readonly CommandCatalogue Catalogue = new(
    [
        new PaletteInfo("cluster", "membership",
        [
            new CommandInfo("show", "members", "cluster show [--json]", false, [], []),
            new CommandInfo("status", "status", "cluster status [--json]", false, [], []),
            new CommandInfo("tail", "events", "cluster tail [--json]", true, [], []),
        ]),
        new PaletteInfo("sharding", "shards",
        [
            new CommandInfo("where", "placement", "sharding where <entity-id> -r/--region <region> [--json]", false,
                [new ArgumentInfo("entity-id", "id", true, false)],
                [
                    new OptionInfo("region", "r", "region", false, true, false, "region"),
                    new OptionInfo("verbose", "v", "detail", true, false, false, null),
                    new OptionInfo("tag", "t", "tag", false, false, true, "tag"),
                ]),
        ]),
    ]);

    private static IReadOnlyList<string> Complete(string text) => CommandCompleter.Complete(Catalogue, text).Candidates;

    [Fact]
    public void Empty_line_offers_palettes_and_shell_words()
    {
        Assert.Equal(["cluster", "exit", "help", "quit", "sharding"], Complete(""));
    }

    [Fact]
    public void Palette_prefix_completes_to_the_palette()
    {
        var result = CommandCompleter.Complete(Catalogue, "sha");
        Assert.Equal(["sharding"], result.Candidates);
        Assert.Equal(0, result.ReplaceStart);
    }

    [Fact]
    public void Commands_of_the_palette_are_offered_with_help()
    {
        Assert.Equal(["help", "show", "status", "tail"], Complete("cluster "));
        var result = CommandCompleter.Complete(Catalogue, "cluster s");
        Assert.Equal(["show", "status"], result.Candidates);
        Assert.Equal("s", result.CommonPrefix);
        Assert.Equal(8, result.ReplaceStart);
    }

    [Fact]
    public void Help_completes_palettes_then_commands()
    {
        Assert.Equal(["cluster", "sharding"], Complete("help "));
        Assert.Equal(["where"], Complete("help sharding w"));
    }

    [Fact]
    public void Options_are_offered_once_unless_repeatable()
    {
        Assert.Equal(["--help", "--json", "--region", "--tag", "--verbose"], Complete("sharding where u1 --"));
        Assert.Equal(["--help", "--json", "--tag", "--verbose"], Complete("sharding where u1 -r users "));
        Assert.Equal(["--help", "--json", "--region", "--tag", "--verbose"], Complete("sharding where u1 --tag a "));
        Assert.Equal(["--verbose"], Complete("sharding where u1 --v"));
    }

    [Fact]
    public void Nothing_is_offered_where_a_value_or_argument_is_typed()
    {
        Assert.Empty(Complete("sharding where u1 --region "));
        Assert.Empty(Complete("sharding where al"));
        Assert.Empty(Complete("sharding where u1 -- "));
        Assert.Empty(Complete("nosuch "));
        Assert.Empty(Complete("cluster nosuch --"));
    }

    [Fact]
    public void Short_alias_completes_to_itself()
    {
        Assert.Equal(["-r"], Complete("sharding where u1 -r"));
        Assert.Empty(Complete("sharding where u1 -x"));
    }
}
