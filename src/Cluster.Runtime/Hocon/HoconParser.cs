using System.Text;

namespace Cluster.Runtime.Hocon;

/// <summary>
/// Recursive-descent parser from tokens to an (unresolved) value tree, following the Lightbend HOCON spec: optional
/// root braces, dotted keys, <c>=</c>/<c>:</c>/<c>{</c>/<c>+=</c> separators, commas or newlines between fields,
/// value concatenation, duplicate-key merging and includes. Substitutions are kept as nodes for the resolver.
/// </summary>
internal sealed partial class HoconParser
{
    private readonly List<HoconToken> tokens;
    private readonly HoconParseContext context;
    private int index;

    private HoconParser(List<HoconToken> tokens, HoconParseContext context)
    {
        this.tokens = tokens;
        this.context = context;
    }

    /// <summary>Parses a whole document into its root object.</summary>
    /// <param name="text">The document.</param>
    /// <param name="context">How to name the document and where its includes are looked up.</param>
    /// <param name="basePath">Path of the object the document is included into (empty for a top-level document).</param>
    public static ConfigObject Parse(string text, HoconParseContext context, IReadOnlyList<string> basePath)
    {
        var parser = new HoconParser(HoconTokenizer.Tokenize(text, context.Description), context);
        return parser.ParseRoot(basePath);
    }

    private HoconToken Current => tokens[index];

    private ConfigOrigin OriginOf(HoconToken token) => new(context.Description, token.Line);

    private ConfigException Error(HoconToken at, string message) =>
        ConfigException.Syntax(new ConfigOrigin(context.Description, at.Line), at.Column, message);

    private HoconToken Next() => tokens[index++];

    private void SkipWhitespace()
    {
        while (Current.Kind == HoconTokenKind.Whitespace)
        {
            index++;
        }
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (Current.Kind is HoconTokenKind.Whitespace or HoconTokenKind.Newline)
        {
            index++;
        }
    }

    private ConfigObject ParseRoot(IReadOnlyList<string> basePath)
    {
        SkipWhitespaceAndNewlines();
        var first = Current;
        ConfigObject root;
        if (first.Kind == HoconTokenKind.OpenBrace)
        {
            root = ParseBracedObject(basePath);
            SkipWhitespaceAndNewlines();
            if (Current.Kind != HoconTokenKind.End)
            {
                throw Error(Current, $"expected end of file after the root object's closing '}}' but found {Current.Describe()}");
            }
        }
        else if (first.Kind == HoconTokenKind.OpenBracket)
        {
            throw Error(first, "a configuration document must be an object, not a list");
        }
        else
        {
            var builder = new ObjectBuilder(OriginOf(first));
            ParseFields(builder, basePath, braced: false, first);
            root = builder.Build();
        }

        return root;
    }

    private ConfigObject ParseBracedObject(IReadOnlyList<string> path)
    {
        var open = Next();
        var builder = new ObjectBuilder(OriginOf(open));
        ParseFields(builder, path, braced: true, open);
        return builder.Build();
    }

    private void ParseFields(ObjectBuilder builder, IReadOnlyList<string> path, bool braced, HoconToken open)
    {
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = Current;
            switch (token.Kind)
            {
                case HoconTokenKind.CloseBrace when braced:
                    index++;
                    return;
                case HoconTokenKind.End when !braced:
                    return;
                case HoconTokenKind.End:
                    throw Error(token, $"expected '}}' to close the object opened at line {open.Line} but found end of file");
                case HoconTokenKind.Comma:
                    throw Error(token, "expected a key but found ',' (two commas in a row, or a comma before the first field)");
                case HoconTokenKind.UnquotedText or HoconTokenKind.QuotedString:
                    var key = ParseField(builder, path);
                    SkipWhitespace();
                    var after = Current;
                    if (after.Kind == HoconTokenKind.Comma)
                    {
                        index++;
                    }
                    else if (after.Kind is not (HoconTokenKind.Newline or HoconTokenKind.End or HoconTokenKind.CloseBrace))
                    {
                        throw Error(after, $"expected ',', a newline or '}}' after the value of '{key}' but found {after.Describe()}");
                    }
                    else if (after.Kind == HoconTokenKind.CloseBrace && !braced)
                    {
                        throw Error(after, "unexpected '}' (no object is open here)");
                    }

                    break;
                case HoconTokenKind.CloseBrace:
                    throw Error(token, "unexpected '}' (no object is open here)");
                default:
                    throw Error(token, $"expected a key but found {token.Describe()}");
            }
        }
    }

    /// <summary>Parses one field (or include) and merges it into <paramref name="builder"/>; returns the key text for messages.</summary>
    private string ParseField(ObjectBuilder builder, IReadOnlyList<string> path)
    {
        var keyStart = Current;
        if (keyStart is { Kind: HoconTokenKind.UnquotedText, Text: "include" } && IsIncludeAhead())
        {
            ParseInclude(builder, path);
            return "include";
        }

        var segments = ParseKey(out var keyText);
        SkipWhitespace();
        var separator = Current;
        var fieldPath = path;
        foreach (var segment in segments)
        {
            fieldPath = ConfigPath.Append(fieldPath, segment);
        }

        ConfigValue value;
        switch (separator.Kind)
        {
            case HoconTokenKind.Colon or HoconTokenKind.Equals or HoconTokenKind.PlusEquals:
                index++;
                SkipWhitespaceAndNewlines();
                value = ParseValue(fieldPath, markSelfReferences: true)
                    ?? throw Error(Current, $"expected a value for '{keyText}' after '{separator.Text}' but found {Current.Describe()}");
                if (separator.Kind == HoconTokenKind.PlusEquals)
                {
                    // Lightbend spec: "a += b" means "a = ${?a} [b]".
                    var origin = OriginOf(separator);
                    value = new ConfigConcatenation(origin,
                    [
                        new ConfigSubstitution(origin, fieldPath, optional: true, fieldPath, isSelfReference: true),
                        new ConfigList(value.Origin, [value]),
                    ], fieldPath);
                }

                break;
            case HoconTokenKind.OpenBrace:
                value = ParseValue(fieldPath, markSelfReferences: true)!;
                break;
            default:
                throw Error(separator, $"expected ':', '=', '+=' or '{{' after the key '{keyText}' but found {separator.Describe()}");
        }

        var keyOrigin = OriginOf(keyStart);
        for (var i = segments.Count - 1; i >= 1; i--)
        {
            value = new ConfigObject(keyOrigin, [new(segments[i], value)]);
        }

        builder.Merge(segments[0], value, ConfigPath.Append(path, segments[0]));
        return keyText;
    }

    /// <summary>Key = quoted and unquoted pieces; dots in unquoted pieces separate path elements.</summary>
    private List<string> ParseKey(out string keyText)
    {
        var start = Current;
        var segments = new List<string>();
        var current = new StringBuilder();
        var hasContent = false;
        var raw = new StringBuilder();
        var pendingWhitespace = string.Empty;
        while (Current.Kind is HoconTokenKind.UnquotedText or HoconTokenKind.QuotedString or HoconTokenKind.Whitespace)
        {
            var token = Next();
            if (token.Kind == HoconTokenKind.Whitespace)
            {
                pendingWhitespace += token.Text;
                continue;
            }

            current.Append(pendingWhitespace);
            raw.Append(pendingWhitespace);
            pendingWhitespace = string.Empty;
            if (token.Kind == HoconTokenKind.QuotedString)
            {
                current.Append(token.Text);
                raw.Append(ConfigPath.Quote(token.Text));
                hasContent = true;
                continue;
            }

            raw.Append(token.Text);
            var parts = token.Text.Split('.');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    if (!hasContent)
                    {
                        throw Error(token, $"empty path element in key '{raw}' (two dots, or a leading or trailing dot); quote an empty key as \"\"");
                    }

                    segments.Add(current.ToString());
                    current.Clear();
                    hasContent = false;
                }

                current.Append(parts[i]);
                hasContent |= parts[i].Length > 0;
            }
        }

        index -= pendingWhitespace.Length > 0 ? 1 : 0;
        keyText = raw.ToString();
        if (!hasContent)
        {
            throw Error(start, $"empty path element at the end of key '{keyText}'");
        }

        segments.Add(current.ToString());
        if (Current.Kind == HoconTokenKind.Substitution)
        {
            throw Error(Current, $"substitutions are not allowed in keys (after '{keyText}')");
        }

        return segments;
    }

    /// <summary>
    /// Parses a value: one piece, or several pieces on the same line forming a concatenation. Returns null when no
    /// value starts at the current token.
    /// </summary>
    private ConfigValue? ParseValue(IReadOnlyList<string> fieldPath, bool markSelfReferences)
    {
        var pieces = new List<ConfigValue>();
        var hasSubstitution = false;
        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case HoconTokenKind.QuotedString:
                    index++;
                    pieces.Add(ConfigScalar.String(token.Text, OriginOf(token)));
                    break;
                case HoconTokenKind.UnquotedText:
                    index++;
                    pieces.Add(Classify(token));
                    break;
                case HoconTokenKind.Substitution:
                    index++;
                    hasSubstitution = true;
                    pieces.Add(new ConfigSubstitution(OriginOf(token), token.Path!, token.Optional, fieldPath,
                        isSelfReference: markSelfReferences && IsSelfReference(token.Path!, fieldPath)));
                    break;
                case HoconTokenKind.OpenBrace:
                    pieces.Add(ParseBracedObject(fieldPath));
                    break;
                case HoconTokenKind.OpenBracket:
                    pieces.Add(ParseList(fieldPath));
                    break;
                case HoconTokenKind.Whitespace when pieces.Count > 0 && IsValueStart(tokens[index + 1].Kind):
                    index++;
                    pieces.Add(ConfigScalar.Whitespace(token.Text, OriginOf(token)));
                    break;
                default:
                    return pieces.Count switch
                    {
                        0 => null,
                        1 => pieces[0],
                        _ => hasSubstitution
                            ? new ConfigConcatenation(pieces[0].Origin, pieces, fieldPath)
                            : ConfigConcatenator.Join(pieces, fieldPath, pieces[0].Origin),
                    };
            }
        }
    }

    /// <summary>
    /// Lightbend spec, "Self-referential substitutions": a substitution naming the field itself or something inside it
    /// (<c>foo = ${foo.a}</c>) refers to the field's earlier value.
    /// </summary>
    private static bool IsSelfReference(IReadOnlyList<string> substitution, IReadOnlyList<string> field) =>
        field.Count > 0 && substitution.Count >= field.Count && substitution.Take(field.Count).SequenceEqual(field);

    private static bool IsValueStart(HoconTokenKind kind) => kind is HoconTokenKind.QuotedString or HoconTokenKind.UnquotedText
        or HoconTokenKind.Substitution or HoconTokenKind.OpenBrace or HoconTokenKind.OpenBracket;

    private ConfigScalar Classify(HoconToken token)
    {
        var origin = OriginOf(token);
        return token.Text switch
        {
            "true" => ConfigScalar.Boolean(true, origin),
            "false" => ConfigScalar.Boolean(false, origin),
            "null" => ConfigScalar.Null(origin),
            _ when IsJsonNumber(token.Text) => ConfigScalar.Number(token.Text, origin),
            _ => ConfigScalar.String(token.Text, origin),
        };
    }

    /// <summary>RFC 8259 §6 number grammar: <c>-? int frac? exp?</c>.</summary>
    internal static bool IsJsonNumber(string s)
    {
        var i = 0;
        if (i < s.Length && s[i] == '-')
        {
            i++;
        }

        var digits = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        if (i == digits || (s[digits] == '0' && i - digits > 1))
        {
            return false;
        }

        if (i < s.Length && s[i] == '.')
        {
            var fraction = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == fraction)
            {
                return false;
            }
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-')
            {
                i++;
            }

            var exponent = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == exponent)
            {
                return false;
            }
        }

        return i == s.Length;
    }

    private ConfigList ParseList(IReadOnlyList<string> fieldPath)
    {
        var open = Next();
        var items = new List<ConfigValue>();
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = Current;
            if (token.Kind == HoconTokenKind.CloseBracket)
            {
                index++;
                return new ConfigList(OriginOf(open), items);
            }

            if (token.Kind == HoconTokenKind.End)
            {
                throw Error(token, $"expected ']' to close the list opened at line {open.Line} but found end of file");
            }

            var item = ParseValue(fieldPath, markSelfReferences: false)
                ?? throw Error(token, $"expected a list element or ']' but found {token.Describe()}");
            items.Add(item);
            SkipWhitespace();
            var after = Current;
            if (after.Kind == HoconTokenKind.Comma)
            {
                index++;
            }
            else if (after.Kind == HoconTokenKind.End)
            {
                throw Error(after, $"expected ']' to close the list opened at line {open.Line} but found end of file");
            }
            else if (after.Kind is not (HoconTokenKind.Newline or HoconTokenKind.CloseBracket))
            {
                throw Error(after, $"expected ',', a newline or ']' after a list element but found {after.Describe()}");
            }
        }
    }
}
