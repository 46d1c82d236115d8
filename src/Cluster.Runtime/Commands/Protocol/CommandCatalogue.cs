namespace Cluster.Runtime.Commands.Protocol;

/// <summary>
/// Every palette a node offers, sent in the handshake so the shell can complete palettes, commands and options
/// without asking again, and so a newer node's commands work from an older shell.
/// </summary>
public sealed record CommandCatalogue(IReadOnlyList<PaletteInfo> Palettes)
{
    public PaletteInfo? FindPalette(string name) => Palettes.FirstOrDefault(p => p.Name == name);
}

/// <summary>A palette as described in the catalogue.</summary>
public sealed record PaletteInfo(string Name, string Description, IReadOnlyList<CommandInfo> Commands)
{
    public CommandInfo? FindCommand(string name) => Commands.FirstOrDefault(c => c.Name == name);
}

/// <summary>A command as described in the catalogue; <see cref="Usage"/> is the line help prints.</summary>
public sealed record CommandInfo(string Name, string Description, string Usage, bool Streaming,
    IReadOnlyList<ArgumentInfo> Arguments, IReadOnlyList<OptionInfo> Options);

/// <summary>A positional argument as described in the catalogue.</summary>
public sealed record ArgumentInfo(string Name, string Description, bool Required, bool Repeatable);

/// <summary>An option as described in the catalogue; <see cref="Alias"/> is one character or null.</summary>
public sealed record OptionInfo(string Name, string? Alias, string Description, bool Flag, bool Required,
    bool Repeatable, string? ValueName);
