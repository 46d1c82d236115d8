namespace Cluster.Runtime.Hocon;

/// <summary>One token with its position; <see cref="Path"/> is only set for substitutions.</summary>
internal readonly record struct HoconToken(HoconTokenKind Kind, string Text, int Line, int Column, IReadOnlyList<string>? Path = null, bool Optional = false)
{
    public string Describe() => Kind switch
    {
        HoconTokenKind.End => "end of file",
        HoconTokenKind.Newline => "end of line",
        HoconTokenKind.Whitespace => "whitespace",
        HoconTokenKind.QuotedString => $"the string \"{Text}\"",
        HoconTokenKind.UnquotedText => $"'{Text}'",
        HoconTokenKind.Substitution => $"the substitution ${{{(Optional ? "?" : string.Empty)}{ConfigPath.Render(Path!)}}}",
        _ => $"'{Text}'",
    };
}
