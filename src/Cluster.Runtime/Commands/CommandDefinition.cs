namespace Cluster.Runtime.Commands;

/// <summary>
/// One command of a palette: its name, help text, declared arguments and options, and the handler that runs it.
/// The endpoint parses and validates the command line from this declaration before the handler is called, so a
/// handler only ever sees well-formed input.
/// </summary>
public sealed class CommandDefinition
{
    /// <summary>Options every command understands; a palette may not redeclare them.</summary>
    public static readonly IReadOnlySet<string> ReservedOptionNames = new HashSet<string>(StringComparer.Ordinal) { "json", "help" };

    public CommandDefinition(string name, string description,
        Func<CommandInvocation, CommandOutput, CancellationToken, Task> handler,
        IEnumerable<CommandArgument>? arguments = null, IEnumerable<CommandOption>? options = null,
        bool isStreaming = false)
    {
        CommandNames.Validate(name, "command name");
        if (name == "help")
            throw new ArgumentException("command name 'help' is reserved: '<palette> help' shows the palette's help", nameof(name));
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(handler);
        Name = name;
        Description = description;
        Handler = handler;
        Arguments = (arguments ?? []).ToArray();
        Options = (options ?? []).ToArray();
        IsStreaming = isStreaming;
        ValidateArguments(name, Arguments);
        ValidateOptions(name, Options);
    }

    public string Name { get; }

    public string Description { get; }

    public IReadOnlyList<CommandArgument> Arguments { get; }

    public IReadOnlyList<CommandOption> Options { get; }

    /// <summary>
    /// The command writes until it is cancelled (<c>log tail</c>); the shell tells the operator to press Ctrl-C.
    /// </summary>
    public bool IsStreaming { get; }

    public Func<CommandInvocation, CommandOutput, CancellationToken, Task> Handler { get; }

    /// <summary>Finds an option by long name (<c>region</c>) or alias (<c>'r'</c>).</summary>
    public CommandOption? FindOption(string longName) => Options.FirstOrDefault(o => o.Name == longName);

    public CommandOption? FindOption(char alias) => Options.FirstOrDefault(o => o.Alias == alias);

    private static void ValidateArguments(string command, IReadOnlyList<CommandArgument> arguments)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var sawOptional = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (!names.Add(argument.Name))
                throw new ArgumentException($"command '{command}' declares argument <{argument.Name}> twice");
            if (argument.IsRepeatable && i != arguments.Count - 1)
                throw new ArgumentException($"command '{command}': only the last argument may be repeatable, not <{argument.Name}>");
            if (argument.IsRequired && sawOptional)
                throw new ArgumentException($"command '{command}': required argument <{argument.Name}> follows an optional one");
            sawOptional |= !argument.IsRequired;
        }
    }

    private static void ValidateOptions(string command, IReadOnlyList<CommandOption> options)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var aliases = new HashSet<char>();
        foreach (var option in options)
        {
            if (ReservedOptionNames.Contains(option.Name))
                throw new ArgumentException($"command '{command}': option --{option.Name} is built in and cannot be redeclared");
            if (option.Alias == 'h')
                throw new ArgumentException($"command '{command}': alias -h is reserved for --help (option --{option.Name})");
            if (!names.Add(option.Name))
                throw new ArgumentException($"command '{command}' declares option --{option.Name} twice");
            if (option.Alias is { } alias && !aliases.Add(alias))
                throw new ArgumentException($"command '{command}' declares alias -{alias} twice");
        }
    }
}
