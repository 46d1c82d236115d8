using Cluster.Runtime.Commands.Parsing;

namespace Cluster.Runtime.Commands.Help;

/// <summary>
/// Generates <c>help</c>, <c>help &lt;palette&gt;</c> and command help from the palette declarations, so help text can
/// never drift from what the parser accepts.
/// </summary>
internal static class HelpWriter
{
    public static async Task WriteOverviewAsync(IReadOnlyList<CommandPalette> palettes, CommandOutput output)
    {
        var table = new CommandTable("palette", "description") { Title = "Palettes" };
        foreach (var palette in palettes)
            table.AddRow(palette.Name, palette.Description);
        await output.WriteTableAsync(table);
        await output.WriteLineAsync("Type 'help <palette>' (or '<palette> help') for its commands and '<palette> <command> --help' for one command.");
        await output.WriteLineAsync("Every command accepts --json to print JSON for scripts.");
    }

    public static async Task WritePaletteAsync(CommandPalette palette, CommandOutput output)
    {
        var table = new CommandTable("command", "description") { Title = $"{palette.Name}: {palette.Description}" };
        foreach (var command in palette.Commands)
            table.AddRow(command.Name, command.Description);
        await output.WriteTableAsync(table);
        await output.WriteLineAsync($"Type '{palette.Name} <command> --help' for a command's arguments and options.");
    }

    public static async Task WriteCommandAsync(CommandPalette palette, CommandDefinition command, CommandOutput output)
    {
        await output.WriteLineAsync($"usage: {CommandLineParser.Usage(palette.Name, command)}");
        await output.WriteLineAsync(command.Description);
        if (command.IsStreaming)
            await output.WriteLineAsync("This command streams until stopped (Ctrl-C in the shell).");
        if (command.Arguments.Count > 0)
        {
            var arguments = new CommandTable("argument", "required", "description") { Title = "Arguments" };
            foreach (var argument in command.Arguments)
                arguments.AddRow(argument.Usage, argument.IsRequired ? "yes" : "no", argument.Description);
            await output.WriteTableAsync(arguments);
        }
        var options = new CommandTable("option", "required", "description") { Title = "Options" };
        foreach (var option in command.Options)
        {
            var text = option.IsFlag ? option.DisplayName : $"{option.DisplayName} <{option.ValueName}>";
            var description = option.IsRepeatable ? option.Description + " (repeatable)" : option.Description;
            options.AddRow(text, option.IsRequired ? "yes" : "no", description);
        }
        options.AddRow("--json", "no", "print JSON values instead of text");
        options.AddRow("-h/--help", "no", "show this help");
        await output.WriteTableAsync(options);
    }
}
