namespace Cluster.Runtime.Commands;

/// <summary>
/// An option of a command (<c>--region</c>, <c>-r</c>). Declared once, it drives parsing, validation, help text and
/// the shell's tab completion, so a palette never parses its own argument strings.
/// </summary>
public sealed record CommandOption
{
    public CommandOption(string name, string description, char? alias = null, bool isFlag = false,
        bool isRequired = false, bool isRepeatable = false, string? valueName = null)
    {
        CommandNames.Validate(name, "option name");
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        if (alias is { } a && !char.IsAsciiLetterOrDigit(a))
            throw new ArgumentException($"option alias '{a}' for --{name} must be an ASCII letter or digit", nameof(alias));
        if (isFlag && isRequired)
            throw new ArgumentException($"option --{name} cannot be both a flag and required", nameof(isRequired));
        if (isFlag && valueName is not null)
            throw new ArgumentException($"flag --{name} takes no value, so it has no value name", nameof(valueName));
        Name = name;
        Description = description;
        Alias = alias;
        IsFlag = isFlag;
        IsRequired = isRequired;
        IsRepeatable = isRepeatable;
        ValueName = isFlag ? null : valueName ?? name;
    }

    /// <summary>Long name without dashes: <c>region</c> is written <c>--region</c>.</summary>
    public string Name { get; }

    public string Description { get; }

    /// <summary>Single-character short form: <c>'r'</c> is written <c>-r</c>.</summary>
    public char? Alias { get; }

    /// <summary>A flag is present or absent and takes no value.</summary>
    public bool IsFlag { get; }

    public bool IsRequired { get; }

    /// <summary>May be given more than once; every value is kept in order.</summary>
    public bool IsRepeatable { get; }

    /// <summary>Placeholder for the value in usage text (<c>--region &lt;region&gt;</c>); null for flags.</summary>
    public string? ValueName { get; }

    /// <summary>How the option is shown in messages: <c>-r/--region</c> or <c>--region</c>.</summary>
    public string DisplayName => Alias is { } a ? $"-{a}/--{Name}" : $"--{Name}";

    /// <summary>A flag option (no value).</summary>
    public static CommandOption Flag(string name, string description, char? alias = null) =>
        new(name, description, alias, isFlag: true);

    /// <summary>An option taking a value.</summary>
    public static CommandOption Value(string name, string description, char? alias = null, bool required = false,
        bool repeatable = false, string? valueName = null) =>
        new(name, description, alias, isFlag: false, required, repeatable, valueName);
}
