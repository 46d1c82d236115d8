namespace Cluster.Runtime.Hocon;

/// <summary>Lexical token kinds of HOCON (Lightbend spec, "Syntax").</summary>
internal enum HoconTokenKind
{
    End,
    Newline,
    Whitespace,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    QuotedString,
    UnquotedText,
    Substitution,
}
