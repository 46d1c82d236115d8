using System.Globalization;
using System.Text;

namespace Cluster.Runtime.Hocon;

/// <summary>
/// Turns HOCON text into tokens with line and column, following the Lightbend HOCON spec: comments (<c>#</c>,
/// <c>//</c>), JSON strings, triple-quoted strings, unquoted text (which stops at the reserved characters
/// <c>$ " { } [ ] : = , + # ` ^ ? ! @ * &amp; \</c> and at whitespace), and substitutions <c>${path}</c>/<c>${?path}</c>.
/// </summary>
internal sealed class HoconTokenizer
{
    private const string Reserved = "$\"{}[]:=,+#`^?!@*&\\";

    private readonly string text;
    private readonly string origin;
    private readonly List<HoconToken> tokens = new();
    private int pos;
    private int line = 1;
    private int lineStart;

    private HoconTokenizer(string text, string origin)
    {
        this.text = text;
        this.origin = origin;
    }

    public static List<HoconToken> Tokenize(string text, string origin)
    {
        var tokenizer = new HoconTokenizer(text, origin);
        tokenizer.Run();
        return tokenizer.tokens;
    }

    /// <summary>Decodes JSON escapes (RFC 8259 §7) of a quoted string body.</summary>
    public static string Unescape(ReadOnlySpan<char> body, string? origin, int line, int column)
    {
        if (body.IndexOf('\\') < 0)
        {
            return body.ToString();
        }

        var sb = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (++i >= body.Length)
            {
                throw Error(origin, line, column, "a quoted string ends with a lone backslash");
            }

            switch (body[i])
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u' when i + 4 < body.Length && int.TryParse(body.Slice(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    sb.Append((char)code);
                    i += 4;
                    break;
                default:
                    throw Error(origin, line, column, $"invalid escape '\\{body[i]}' in a quoted string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
            }
        }

        return sb.ToString();
    }

    private static ConfigException Error(string? origin, int line, int column, string message) =>
        new(origin is null ? message : $"{origin}:{line}:{column}: {message}");

    private ConfigException Error(int at, string message) => Error(origin, line, at - lineStart + 1, message);

    private void Add(HoconTokenKind kind, string value, int start, IReadOnlyList<string>? path = null, bool optional = false) =>
        tokens.Add(new HoconToken(kind, value, line, start - lineStart + 1, path, optional));

    private void Run()
    {
        while (pos < text.Length)
        {
            var c = text[pos];
            var start = pos;
            switch (c)
            {
                case '\n':
                    Add(HoconTokenKind.Newline, "\n", start);
                    pos++;
                    line++;
                    lineStart = pos;
                    break;
                case '#':
                    SkipComment();
                    break;
                case '/' when Peek(1) == '/':
                    SkipComment();
                    break;
                case ',': Single(HoconTokenKind.Comma); break;
                case ':': Single(HoconTokenKind.Colon); break;
                case '=': Single(HoconTokenKind.Equals); break;
                case '{': Single(HoconTokenKind.OpenBrace); break;
                case '}': Single(HoconTokenKind.CloseBrace); break;
                case '[': Single(HoconTokenKind.OpenBracket); break;
                case ']': Single(HoconTokenKind.CloseBracket); break;
                case '+' when Peek(1) == '=':
                    Add(HoconTokenKind.PlusEquals, "+=", start);
                    pos += 2;
                    break;
                case '"':
                    ReadQuoted();
                    break;
                case '$' when Peek(1) == '{':
                    ReadSubstitution();
                    break;
                default:
                    if (IsWhitespace(c))
                    {
                        while (pos < text.Length && IsWhitespace(text[pos]))
                        {
                            pos++;
                        }

                        Add(HoconTokenKind.Whitespace, text[start..pos], start);
                    }
                    else if (Reserved.Contains(c))
                    {
                        throw Error(start, $"reserved character '{c}' is not allowed outside quotes; put the value in double quotes");
                    }
                    else
                    {
                        ReadUnquoted();
                    }

                    break;
            }
        }

        Add(HoconTokenKind.End, string.Empty, pos);
    }

    private static bool IsWhitespace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF');

    private char Peek(int offset) => pos + offset < text.Length ? text[pos + offset] : '\0';

    private void Single(HoconTokenKind kind)
    {
        Add(kind, text[pos].ToString(), pos);
        pos++;
    }

    private void SkipComment()
    {
        while (pos < text.Length && text[pos] != '\n')
        {
            pos++;
        }
    }

    private void ReadUnquoted()
    {
        var start = pos;
        while (pos < text.Length)
        {
            var c = text[pos];
            if (c == '\n' || IsWhitespace(c) || Reserved.Contains(c) || (c == '/' && Peek(1) == '/'))
            {
                break;
            }

            pos++;
        }

        Add(HoconTokenKind.UnquotedText, text[start..pos], start);
    }

    private void ReadQuoted()
    {
        var start = pos;
        var startLine = line;
        var startLineStart = lineStart;
        if (Peek(1) == '"' && Peek(2) == '"')
        {
            var close = text.IndexOf("\"\"\"", pos + 3, StringComparison.Ordinal);
            if (close < 0)
            {
                throw Error(start, "unterminated triple-quoted string (missing closing \"\"\")");
            }

            // Lightbend spec: extra quotes before the closing """ belong to the string ("""a"""" is a").
            var end = close + 3;
            while (end < text.Length && text[end] == '"')
            {
                end++;
            }

            var body = text[(pos + 3)..(end - 3)];
            foreach (var ch in body)
            {
                if (ch == '\n')
                {
                    line++;
                }
            }

            if (line != startLine)
            {
                lineStart = pos + 3 + body.LastIndexOf('\n') + 1;
            }

            tokens.Add(new HoconToken(HoconTokenKind.QuotedString, body, startLine, start - startLineStart + 1));
            pos = end;
            return;
        }

        pos++;
        while (pos < text.Length && text[pos] != '"')
        {
            if (text[pos] == '\n')
            {
                throw Error(start, "unterminated quoted string (a newline inside \"...\"; use \\n or a triple-quoted string)");
            }

            pos += text[pos] == '\\' ? 2 : 1;
        }

        if (pos >= text.Length)
        {
            throw Error(start, "unterminated quoted string (missing closing \")");
        }

        var value = Unescape(text.AsSpan(start + 1, pos - start - 1), origin, line, start - lineStart + 1);
        pos++;
        Add(HoconTokenKind.QuotedString, value, start);
    }

    private void ReadSubstitution()
    {
        var start = pos;
        pos += 2;
        var optional = false;
        if (Peek(0) == '?')
        {
            optional = true;
            pos++;
        }

        var bodyStart = pos;
        while (pos < text.Length && text[pos] != '}')
        {
            if (text[pos] == '\n')
            {
                break;
            }

            if (text[pos] == '"')
            {
                pos++;
                while (pos < text.Length && text[pos] != '"' && text[pos] != '\n')
                {
                    pos += text[pos] == '\\' ? 2 : 1;
                }
            }

            pos++;
        }

        if (pos >= text.Length || text[pos] != '}')
        {
            throw Error(start, "unterminated substitution (missing closing '}' of '${')");
        }

        var body = text[bodyStart..pos].Trim();
        IReadOnlyList<string> path;
        try
        {
            path = ConfigPath.Parse(body);
        }
        catch (ConfigException e)
        {
            throw Error(start, $"invalid substitution: {e.Message}");
        }

        pos++;
        Add(HoconTokenKind.Substitution, text[start..pos], start, path, optional);
    }
}
