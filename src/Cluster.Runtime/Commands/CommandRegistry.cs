using Cluster.Runtime.Commands.Help;
using Cluster.Runtime.Commands.Parsing;
using Cluster.Runtime.Commands.Protocol;

namespace Cluster.Runtime.Commands;

/// <summary>
/// The palettes a node offers. Subsystems in any assembly add theirs with one call,
/// <c>registry.Register(palette)</c>; the endpoint reads the registry on every command, so a palette registered
/// after start-up is available to the next connection's catalogue and to every later command.
/// </summary>
public sealed class CommandRegistry
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<string, CommandPalette> palettes = new(StringComparer.Ordinal);

    /// <summary>Adds a palette; a second palette with the same name is a wiring bug and throws.</summary>
    public void Register(CommandPalette palette)
    {
        ArgumentNullException.ThrowIfNull(palette);
        lock (gate)
        {
            if (!palettes.TryAdd(palette.Name, palette))
                throw new InvalidOperationException($"a palette named '{palette.Name}' is already registered");
        }
    }

    /// <summary>Removes a palette (e.g. when its subsystem stops); true when it was registered.</summary>
    public bool Unregister(string name)
    {
        lock (gate)
            return palettes.Remove(name);
    }

    /// <summary>Registered palettes, ordered by name.</summary>
    public IReadOnlyList<CommandPalette> Palettes
    {
        get
        {
            lock (gate)
                return palettes.Values.ToArray();
        }
    }

    public CommandPalette? Find(string name)
    {
        lock (gate)
            return palettes.GetValueOrDefault(name);
    }

    /// <summary>The catalogue sent to shells in the handshake.</summary>
    public CommandCatalogue BuildCatalogue() =>
        new(Palettes.Select(p => new PaletteInfo(p.Name, p.Description, p.Commands.Select(c => new CommandInfo(
            c.Name, c.Description, CommandLineParser.Usage(p.Name, c), c.IsStreaming,
            c.Arguments.Select(a => new ArgumentInfo(a.Name, a.Description, a.IsRequired, a.IsRepeatable)).ToArray(),
            c.Options.Select(o => new OptionInfo(o.Name, o.Alias?.ToString(), o.Description, o.IsFlag, o.IsRequired,
                o.IsRepeatable, o.ValueName)).ToArray())).ToArray())).ToArray());

    /// <summary>
    /// Resolves a command line (already split into words) to a command or to help. Throws
    /// <see cref="CommandUsageException"/> with the text the operator sees when the line is wrong.
    /// </summary>
    internal ResolvedCommand Resolve(IReadOnlyList<string> argv, bool json)
    {
        var words = new List<string>(argv.Count);
        var optionsEnded = false;
        foreach (var word in argv)
        {
            if (!optionsEnded && word == "--json")
            {
                json = true;
                continue;
            }
            optionsEnded |= word == "--";
            words.Add(word);
        }
        if (words.Count == 0)
            throw new CommandUsageException("empty command; type 'help' to list palettes");

        var all = Palettes;
        if (words[0] is "help" or "--help" or "-h")
            return ResolveHelp(words, all, json);

        var palette = Find(words[0]) ?? throw new CommandUsageException(
            $"unknown command '{words[0]}'; palettes: {NameList(all.Select(p => p.Name))}. Type 'help' to list them.");
        if (words.Count == 1 || (words.Count == 2 && words[1] is "help" or "--help" or "-h"))
            return new ResolvedCommand(null, output => HelpWriter.WritePaletteAsync(palette, output), json);

        var command = palette.FindCommand(words[1]) ?? throw new CommandUsageException(
            $"unknown command '{words[1]}' in palette '{palette.Name}'; commands: {NameList(palette.Commands.Select(c => c.Name))}");
        var rest = words.Skip(2).ToArray();
        var end = Array.IndexOf(rest, "--");
        if (rest.Take(end < 0 ? rest.Length : end).Any(w => w is "--help" or "-h"))
            return new ResolvedCommand(null, output => HelpWriter.WriteCommandAsync(palette, command, output), json);
        return new ResolvedCommand(CommandLineParser.Parse(palette.Name, command, rest, json), null, json);
    }

    private ResolvedCommand ResolveHelp(List<string> words, IReadOnlyList<CommandPalette> all, bool json)
    {
        if (words.Count == 1)
            return new ResolvedCommand(null, output => HelpWriter.WriteOverviewAsync(all, output), json);
        var palette = Find(words[1]) ?? throw new CommandUsageException(
            $"help: unknown palette '{words[1]}'; palettes: {NameList(all.Select(p => p.Name))}");
        if (words.Count == 2)
            return new ResolvedCommand(null, output => HelpWriter.WritePaletteAsync(palette, output), json);
        var command = palette.FindCommand(words[2]) ?? throw new CommandUsageException(
            $"help: unknown command '{words[2]}' in palette '{palette.Name}'; commands: {NameList(palette.Commands.Select(c => c.Name))}");
        if (words.Count > 3)
            throw new CommandUsageException("usage: help [<palette> [<command>]]");
        return new ResolvedCommand(null, output => HelpWriter.WriteCommandAsync(palette, command, output), json);
    }

    private static string NameList(IEnumerable<string> names)
    {
        var list = string.Join(", ", names);
        return list.Length == 0 ? "(none registered)" : list;
    }
}
