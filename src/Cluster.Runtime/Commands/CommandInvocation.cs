using System.Globalization;

namespace Cluster.Runtime.Commands;

/// <summary>
/// A parsed and validated command line handed to a handler. Values are looked up by the names declared in the
/// <see cref="CommandDefinition"/>, never by position in the raw text, so renaming an alias cannot break a handler.
/// </summary>
public sealed class CommandInvocation
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> arguments;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> options;

    internal CommandInvocation(string palette, CommandDefinition command,
        IReadOnlyDictionary<string, IReadOnlyList<string>> arguments,
        IReadOnlyDictionary<string, IReadOnlyList<string>> options, bool isJson)
    {
        Palette = palette;
        Command = command;
        this.arguments = arguments;
        this.options = options;
        IsJson = isJson;
    }

    public string Palette { get; }

    public CommandDefinition Command { get; }

    /// <summary>The client asked for <c>--json</c>; output is sent as JSON values only.</summary>
    public bool IsJson { get; }

    /// <summary>The value of a single argument, or null when an optional argument was not given.</summary>
    public string? Argument(string name) => Lookup(arguments, name, "argument", Command.Arguments.Any(a => a.Name == name)) is [var first, ..] ? first : null;

    /// <summary>Every value of a repeatable argument (empty when none were given).</summary>
    public IReadOnlyList<string> Arguments(string name) => Lookup(arguments, name, "argument", Command.Arguments.Any(a => a.Name == name));

    /// <summary>The (last) value of a value option, or null when absent.</summary>
    public string? Option(string name) => Lookup(options, name, "option", Command.FindOption(name) is not null) is [.., var last] ? last : null;

    /// <summary>Every value of a repeatable option, in the order given.</summary>
    public IReadOnlyList<string> Options(string name) => Lookup(options, name, "option", Command.FindOption(name) is not null);

    /// <summary>True when the flag (or value option) was given.</summary>
    public bool Flag(string name) => Lookup(options, name, "option", Command.FindOption(name) is not null).Count > 0;

    /// <summary>
    /// Reads an integer option, returning <paramref name="defaultValue"/> when absent, and rejecting values outside
    /// [<paramref name="min"/>, <paramref name="max"/>] with a usage error that names the option.
    /// </summary>
    public int IntOption(string name, int defaultValue, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = Option(name);
        if (text is null)
            return defaultValue;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw new CommandUsageException($"option --{name} for '{Palette} {Command.Name}' expects a whole number, got '{text}'");
        if (value < min || value > max)
            throw new CommandUsageException($"option --{name} for '{Palette} {Command.Name}' must be between {min} and {max}, got {value}");
        return value;
    }

    private IReadOnlyList<string> Lookup(IReadOnlyDictionary<string, IReadOnlyList<string>> values, string name,
        string kind, bool declared)
    {
        // Asking for an undeclared name is a programming error in the palette, not an operator error.
        if (!declared)
            throw new ArgumentException($"'{Palette} {Command.Name}' declares no {kind} named '{name}'", nameof(name));
        return values.TryGetValue(name, out var list) ? list : [];
    }
}
