using Cluster.Runtime.Commands;
using Cluster.TestSupport;

namespace Cluster.Runtime.Tests.Commands;

public class CommandRegistryTests
{
    private static CommandRegistry Registry()
    {
        var registry = new CommandRegistry();
        registry.Register(new CommandPalette("sharding", "Shard regions and entity placement",
        [
            new CommandDefinition("regions", "List shard regions", (_, _, _) => Task.CompletedTask),
            new CommandDefinition("where", "Show which node hosts an entity", (_, _, _) => Task.CompletedTask,
                arguments: [new CommandArgument("entity-id", "the entity")],
                options: [CommandOption.Value("region", "shard region type", 'r', required: true)]),
        ]));
        registry.Register(new CommandPalette("cluster", "Cluster membership",
            [new CommandDefinition("show", "List members", (_, _, _) => Task.CompletedTask)]));
        return registry;
    }

    private static async Task<RecordingOutput> RunBuiltIn(CommandRegistry registry, params string[] argv)
    {
        var resolved = registry.Resolve(argv, json: false);
        Assert.NotNull(resolved.BuiltIn);
        var output = new RecordingOutput();
        await resolved.BuiltIn!(output);
        return output;
    }

    [Fact]
    public async Task Help_lists_every_palette_in_name_order()
    {
        var output = await RunBuiltIn(Registry(), "help");
        var table = Assert.Single(output.Tables);
        Assert.Equal(["palette", "description"], table.Columns);
        Assert.Equal(["cluster", "sharding"], table.Rows.Select(r => (string)r[0]!));
        Assert.Contains(output.Lines, l => l.Contains("--json", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("help", "sharding")]
    [InlineData("sharding", "help")]
    [InlineData("sharding")]
    [InlineData("sharding", "--help")]
    public async Task Palette_help_lists_its_commands_in_declaration_order(params string[] argv)
    {
        var output = await RunBuiltIn(Registry(), argv);
        var table = Assert.Single(output.Tables);
        Assert.Equal("sharding: Shard regions and entity placement", table.Title);
        Assert.Equal(["regions", "where"], table.Rows.Select(r => (string)r[0]!));
    }

    [Theory]
    [InlineData("help", "sharding", "where")]
    [InlineData("sharding", "where", "--help")]
    [InlineData("sharding", "where", "-h")]
    public async Task Command_help_shows_usage_arguments_and_options(params string[] argv)
    {
        var output = await RunBuiltIn(Registry(), argv);
        Assert.Equal("usage: sharding where <entity-id> -r/--region <region> [--json]", output.Lines.First());
        var options = output.Tables.Single(t => t.Title == "Options");
        Assert.Equal(["-r/--region <region>", "--json", "-h/--help"], options.Rows.Select(r => (string)r[0]!));
        Assert.Equal("yes", options.Rows[0][1]);
        var arguments = output.Tables.Single(t => t.Title == "Arguments");
        Assert.Equal("<entity-id>", arguments.Rows.Single()[0]);
    }

    [Fact]
    public void Unknown_palette_lists_the_palettes()
    {
        var error = Assert.Throws<CommandUsageException>(() => Registry().Resolve(["shards", "show"], false));
        Assert.Equal("unknown command 'shards'; palettes: cluster, sharding. Type 'help' to list them.", error.Message);
    }

    [Fact]
    public void Unknown_command_lists_the_palette_commands()
    {
        var error = Assert.Throws<CommandUsageException>(() => Registry().Resolve(["sharding", "move"], false));
        Assert.Equal("unknown command 'move' in palette 'sharding'; commands: regions, where", error.Message);
    }

    [Fact]
    public void Json_flag_is_recognised_anywhere_before_double_dash()
    {
        var registry = Registry();
        var resolved = registry.Resolve(["sharding", "where", "--json", "u1", "-r", "users"], false);
        Assert.True(resolved.IsJson);
        Assert.True(resolved.Invocation!.IsJson);
        Assert.Equal("u1", resolved.Invocation.Argument("entity-id"));
        var literal = registry.Resolve(["sharding", "where", "-r", "users", "--", "--json"], false);
        Assert.False(literal.IsJson);
        Assert.Equal("--json", literal.Invocation!.Argument("entity-id"));
    }

    [Fact]
    public void Registering_a_palette_name_twice_throws()
    {
        var registry = Registry();
        var error = Assert.Throws<InvalidOperationException>(() => registry.Register(new CommandPalette("cluster", "again",
            [new CommandDefinition("show", "d", (_, _, _) => Task.CompletedTask)])));
        Assert.Contains("'cluster' is already registered", error.Message);
    }

    [Fact]
    public void Catalogue_describes_commands_and_options_for_completion()
    {
        var catalogue = Registry().BuildCatalogue();
        var where = catalogue.FindPalette("sharding")!.FindCommand("where")!;
        Assert.Equal("sharding where <entity-id> -r/--region <region> [--json]", where.Usage);
        var region = Assert.Single(where.Options);
        Assert.Equal(("region", "r", false, true), (region.Name, region.Alias, region.Flag, region.Required));
    }
}
