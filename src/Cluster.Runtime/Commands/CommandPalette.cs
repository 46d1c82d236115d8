namespace Cluster.Runtime.Commands;

/// <summary>
/// A named group of operator commands (<c>cluster</c>, <c>sharding</c>, <c>log</c>), as in Petabridge.Cmd. Each
/// subsystem builds its palette next to its own code and hands it to <see cref="CommandRegistry.Register"/>; the
/// endpoint and the shell learn everything else (help, completion, validation) from this declaration.
/// </summary>
public sealed class CommandPalette
{
    private readonly Dictionary<string, CommandDefinition> byName;

    public CommandPalette(string name, string description, IEnumerable<CommandDefinition> commands)
    {
        CommandNames.Validate(name, "palette name");
        if (name is "help" or "exit" or "quit")
            throw new ArgumentException($"palette name '{name}' is reserved by the shell", nameof(name));
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(commands);
        Name = name;
        Description = description;
        Commands = commands.ToArray();
        if (Commands.Count == 0)
            throw new ArgumentException($"palette '{name}' has no commands", nameof(commands));
        byName = new Dictionary<string, CommandDefinition>(StringComparer.Ordinal);
        foreach (var command in Commands)
        {
            if (!byName.TryAdd(command.Name, command))
                throw new ArgumentException($"palette '{name}' declares command '{command.Name}' twice", nameof(commands));
        }
    }

    public string Name { get; }

    public string Description { get; }

    /// <summary>Commands in declaration order (the order help lists them).</summary>
    public IReadOnlyList<CommandDefinition> Commands { get; }

    public CommandDefinition? FindCommand(string name) => byName.GetValueOrDefault(name);
}
