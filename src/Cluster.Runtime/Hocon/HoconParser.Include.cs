using System.Text;

namespace Cluster.Runtime.Hocon;

/// <summary>Includes (Lightbend spec, "Includes"): <c>include "x"</c>, <c>include file("x")</c>, <c>include required(file("x"))</c>.</summary>
internal sealed partial class HoconParser
{
    /// <summary>Parses a file as a document; <paramref name="chain"/> holds the full paths of the including files.</summary>
    public static ConfigObject ParseFile(string path, IReadOnlyList<string> chain, IReadOnlyList<string> basePath)
    {
        var context = HoconParseContext.ForFile(path, chain);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read configuration file: {e.Message}", e);
        }

        return Parse(text, context, basePath);
    }

    private bool IsIncludeAhead()
    {
        if (tokens[index + 1].Kind != HoconTokenKind.Whitespace)
        {
            return false;
        }

        var target = tokens[index + 2];
        return target.Kind == HoconTokenKind.QuotedString
            || (target.Kind == HoconTokenKind.UnquotedText && target.Text.Contains('(', StringComparison.Ordinal));
    }

    private void ParseInclude(ObjectBuilder builder, IReadOnlyList<string> path)
    {
        var keyword = Next();
        var before = new StringBuilder();
        var after = new StringBuilder();
        string? name = null;
        while (Current.Kind is HoconTokenKind.Whitespace or HoconTokenKind.UnquotedText or HoconTokenKind.QuotedString)
        {
            var token = Next();
            if (token.Kind == HoconTokenKind.QuotedString)
            {
                if (name is not null)
                {
                    throw Error(token, "an include names exactly one quoted file name");
                }

                name = token.Text;
            }
            else if (token.Kind == HoconTokenKind.UnquotedText)
            {
                (name is null ? before : after).Append(token.Text);
            }
        }

        if (name is null)
        {
            throw Error(keyword, "expected a quoted file name after 'include' (include \"x.conf\", include file(\"x.conf\") or include required(file(\"x.conf\")))");
        }

        var wrappers = before.ToString().Split('(', StringSplitOptions.None);
        var closing = after.ToString();
        var required = false;
        for (var i = 0; i < wrappers.Length - 1; i++)
        {
            switch (wrappers[i])
            {
                case "required" when i == 0:
                    required = true;
                    break;
                case "file":
                    break;
                case "url" or "classpath":
                    throw Error(keyword, $"include {wrappers[i]}(...) is not supported; use file(\"...\") with a path relative to the including file");
                default:
                    throw Error(keyword, $"unknown include form '{before}'; expected include \"x\", include file(\"x\") or include required(file(\"x\"))");
            }
        }

        if (wrappers[^1].Length != 0 || closing != new string(')', wrappers.Length - 1))
        {
            throw Error(keyword, $"malformed include '{before}\"{name}\"{closing}': parentheses do not match");
        }

        IncludeFile(builder, path, name, required, OriginOf(keyword));
    }

    private void IncludeFile(ObjectBuilder builder, IReadOnlyList<string> path, string name, bool required, ConfigOrigin origin)
    {
        if (context.IncludeDirectory is null)
        {
            throw ConfigException.At(origin, (string?)null, $"include \"{name}\" is not allowed here ({context.Description} cannot include files)");
        }

        var file = Path.IsPathRooted(name) ? name : Path.Combine(context.IncludeDirectory, name);
        var full = Path.GetFullPath(file);
        if (!File.Exists(full))
        {
            if (required)
            {
                throw ConfigException.At(origin, (string?)null, $"required include file '{name}' not found (looked for {full})");
            }

            return;
        }

        if (context.IncludeChain.Contains(full, StringComparer.Ordinal))
        {
            var cycle = string.Join(" -> ", context.IncludeChain.SkipWhile(f => f != full).Append(full).Select(Path.GetFileName));
            throw ConfigException.At(origin, (string?)null, $"include cycle: {cycle}");
        }

        var display = Path.IsPathRooted(name) ? name : Path.Combine(Path.GetDirectoryName(context.Description) ?? string.Empty, name);
        var included = ParseFile(display.Length > 0 && File.Exists(display) ? display : full, context.IncludeChain, path);
        foreach (var (key, value) in included)
        {
            builder.Merge(key, value, ConfigPath.Append(path, key));
        }
    }
}
