using System.Text.RegularExpressions;

namespace Cluster.Runtime.Commands;

/// <summary>
/// The one rule for palette, command, option and argument names: lower-case words joined by dashes, so every name
/// can be typed without quoting and completed by the shell.
/// </summary>
public static partial class CommandNames
{
    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="name"/> is not a valid name.</summary>
    public static void Validate(string name, string what)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValid(name))
            throw new ArgumentException(
                $"{what} '{name}' is invalid: use lower-case letters, digits and inner dashes (e.g. 'set-level')");
    }

    public static bool IsValid(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
