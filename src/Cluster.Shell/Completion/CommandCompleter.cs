using Cluster.Runtime.Commands.Parsing;
using Cluster.Runtime.Commands.Protocol;

namespace Cluster.Shell.Completion;

/// <summary>
/// Tab completion from the node's catalogue: a pure function of the catalogue and the text left of the cursor, so
/// it is tested without a terminal. Completes palettes, commands, <c>help</c> targets and options (skipping options
/// already given unless repeatable); it offers nothing where a value or free argument is expected.
/// </summary>
internal static class CommandCompleter
{
    /// <summary>Words the shell itself understands at the start of a line.</summary>
    public static readonly IReadOnlyList<string> ShellWords = ["exit", "help", "quit"];

    public static CompletionResult Complete(CommandCatalogue catalogue, string textBeforeCursor)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(textBeforeCursor);
        var partial = CommandLineTokenizer.TokenizePartial(textBeforeCursor);
        var candidates = Candidates(catalogue, partial.Words, partial.Current)
            .Where(c => c.StartsWith(partial.Current, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return new CompletionResult(partial.CurrentStart, partial.Current, candidates);
    }

    private static IEnumerable<string> Candidates(CommandCatalogue catalogue, IReadOnlyList<string> words, string current)
    {
        if (words.Count == 0)
            return ShellWords.Concat(catalogue.Palettes.Select(p => p.Name));
        if (words[0] == "help")
        {
            return words.Count switch
            {
                1 => catalogue.Palettes.Select(p => p.Name),
                2 => catalogue.FindPalette(words[1])?.Commands.Select(c => c.Name) ?? [],
                _ => [],
            };
        }
        var palette = catalogue.FindPalette(words[0]);
        if (palette is null)
            return [];
        if (words.Count == 1)
            return palette.Commands.Select(c => c.Name).Append("help");
        var command = palette.FindCommand(words[1]);
        if (command is null)
            return [];
        return OptionCandidates(command, words.Skip(2).ToArray(), current);
    }

    private static IEnumerable<string> OptionCandidates(CommandInfo command, IReadOnlyList<string> given, string current)
    {
        if (given.Contains("--"))
            return [];
        if (given.Count > 0 && FindOption(command, given[^1]) is { Flag: false })
            return []; // the cursor is on the option's value
        if (current.Length > 0 && !current.StartsWith('-'))
            return [];
        if (current.Length == 2 && current[0] == '-' && current[1] != '-')
            return command.Options.Any(o => o.Alias == current[1..]) ? [current] : [];
        var used = new HashSet<string>(given.Select(w => FindOption(command, w)?.Name).OfType<string>(), StringComparer.Ordinal);
        var options = command.Options
            .Where(o => o.Repeatable || !used.Contains(o.Name))
            .Select(o => "--" + o.Name);
        var builtIn = new[] { "--json", "--help" }.Where(b => !given.Contains(b));
        return options.Concat(builtIn);
    }

    private static OptionInfo? FindOption(CommandInfo command, string word)
    {
        if (word.Contains('='))
            return null; // --name=value carries its own value
        if (word.StartsWith("--", StringComparison.Ordinal))
            return command.Options.FirstOrDefault(o => o.Name == word[2..]);
        if (word.Length == 2 && word[0] == '-')
            return command.Options.FirstOrDefault(o => o.Alias == word[1..]);
        return null;
    }
}
