using System.Globalization;

namespace Cluster.Runtime.Commands.Parsing;

/// <summary>
/// Turns the words after <c>&lt;palette&gt; &lt;command&gt;</c> into a <see cref="CommandInvocation"/>, checking them
/// against the command's declaration. Every error names the command and lists what would have been accepted.
/// </summary>
/// <remarks>
/// Accepted forms: <c>--name value</c>, <c>--name=value</c>, <c>-n value</c>, <c>-n=value</c>, flags <c>--name</c> and
/// <c>-n</c>, and <c>--</c> to end options (later words are arguments even if they start with a dash). A value option
/// does not swallow a following option: <c>--region --json</c> reports the missing value. Negative numbers
/// (<c>-5</c>) are accepted as values and arguments.
/// </remarks>
public static class CommandLineParser
{
    public static CommandInvocation Parse(string palette, CommandDefinition command, IReadOnlyList<string> words, bool isJson)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(words);
        var qualified = $"{palette} {command.Name}";
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var positional = new List<string>();
        var optionsEnded = false;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (optionsEnded || !LooksLikeOption(word))
            {
                positional.Add(word);
                continue;
            }
            if (word == "--")
            {
                optionsEnded = true;
                continue;
            }
            var (option, inlineValue, written) = Resolve(command, qualified, word);
            string value;
            if (option.IsFlag)
            {
                if (inlineValue is not null)
                    throw new CommandUsageException($"option {written} for '{qualified}' is a flag and takes no value (got '{inlineValue}')");
                value = "true";
            }
            else if (inlineValue is not null)
            {
                value = inlineValue;
            }
            else if (i + 1 < words.Count && !LooksLikeOption(words[i + 1]))
            {
                value = words[++i];
            }
            else
            {
                throw new CommandUsageException($"option {written} for '{qualified}' needs a value: {written} <{option.ValueName}>");
            }
            if (!options.TryGetValue(option.Name, out var list))
                options[option.Name] = list = [];
            else if (!option.IsRepeatable)
                throw new CommandUsageException($"option {option.DisplayName} for '{qualified}' may be given only once");
            list.Add(value);
        }

        foreach (var option in command.Options.Where(o => o.IsRequired && !options.ContainsKey(o.Name)))
            throw new CommandUsageException($"missing required option {option.DisplayName} <{option.ValueName}> for '{qualified}'");

        var arguments = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var position = 0;
        foreach (var argument in command.Arguments)
        {
            if (argument.IsRepeatable)
            {
                var rest = positional.Skip(position).ToArray();
                position = positional.Count;
                if (rest.Length == 0 && argument.IsRequired)
                    throw MissingArgument(qualified, argument, command);
                arguments[argument.Name] = rest;
            }
            else if (position < positional.Count)
            {
                arguments[argument.Name] = [positional[position++]];
            }
            else if (argument.IsRequired)
            {
                throw MissingArgument(qualified, argument, command);
            }
        }
        if (position < positional.Count)
        {
            var unexpected = positional[position];
            var expected = command.Arguments.Count == 0
                ? "it takes no arguments"
                : $"it takes {string.Join(" ", command.Arguments.Select(a => a.Usage))}";
            throw new CommandUsageException($"unexpected argument '{unexpected}' for '{qualified}'; {expected}");
        }

        return new CommandInvocation(palette, command, arguments,
            options.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal), isJson);
    }

    /// <summary>True for <c>-x</c>, <c>--xyz</c> and <c>--</c>, false for <c>-</c> and negative numbers.</summary>
    public static bool LooksLikeOption(string word) =>
        word.Length >= 2 && word[0] == '-' && !double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>The usage line: <c>sharding where &lt;entity-id&gt; -r/--region &lt;region&gt; [--limit &lt;n&gt;] [--json]</c>.</summary>
    public static string Usage(string palette, CommandDefinition command)
    {
        var parts = new List<string> { palette, command.Name };
        parts.AddRange(command.Arguments.Select(a => a.Usage));
        foreach (var option in command.Options)
        {
            var text = option.IsFlag ? option.DisplayName : $"{option.DisplayName} <{option.ValueName}>";
            if (option.IsRepeatable) text += "...";
            parts.Add(option.IsRequired ? text : $"[{text}]");
        }
        parts.Add("[--json]");
        return string.Join(" ", parts);
    }

    private static (CommandOption Option, string? InlineValue, string Written) Resolve(CommandDefinition command, string qualified, string word)
    {
        string? inlineValue = null;
        var equals = word.IndexOf('=');
        var name = equals > 0 ? word[..equals] : word;
        if (equals > 0)
            inlineValue = word[(equals + 1)..];
        CommandOption? option = null;
        if (name.StartsWith("--", StringComparison.Ordinal))
            option = command.FindOption(name[2..]);
        else if (name.Length == 2)
            option = command.FindOption(name[1]);
        if (option is null)
        {
            var known = command.Options.Count == 0
                ? "it takes no options"
                : "known: " + string.Join(", ", command.Options.Select(o => o.DisplayName));
            throw new CommandUsageException($"unknown option {name} for '{qualified}'; {known}");
        }
        return (option, inlineValue, name);
    }

    private static CommandUsageException MissingArgument(string qualified, CommandArgument argument, CommandDefinition command) =>
        new($"missing argument <{argument.Name}> for '{qualified}'; usage: {Usage(qualified.Split(' ')[0], command)}");
}
