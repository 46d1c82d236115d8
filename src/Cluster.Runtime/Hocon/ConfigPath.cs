using System.Text;

namespace Cluster.Runtime.Hocon;

/// <summary>
/// Path expressions (<c>uc.log.levels."Cluster.Edges.Sip"</c>): dots separate elements, quotes keep dots inside one
/// element. Used by getters and in every error message, so a key shown in an error can be pasted back into a file.
/// </summary>
public static class ConfigPath
{
    /// <summary>Splits a path expression into its elements.</summary>
    /// <exception cref="ConfigException">The expression is empty, has an empty element or an unterminated quote.</exception>
    public static IReadOnlyList<string> Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var segments = new List<string>();
        var current = new StringBuilder();
        var hasContent = false;
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c == '"')
            {
                var end = expression.IndexOf('"', i + 1);
                while (end > 0 && expression[end - 1] == '\\')
                {
                    end = expression.IndexOf('"', end + 1);
                }

                if (end < 0)
                {
                    throw new ConfigException($"path '{expression}': unterminated quoted element");
                }

                current.Append(HoconTokenizer.Unescape(expression.AsSpan(i + 1, end - i - 1), null, 0, 0));
                hasContent = true;
                i = end;
            }
            else if (c == '.')
            {
                if (!hasContent)
                {
                    throw new ConfigException($"path '{expression}': empty element (two dots, or a leading or trailing dot); quote an empty key as \"\"");
                }

                segments.Add(current.ToString());
                current.Clear();
                hasContent = false;
            }
            else if (char.IsWhiteSpace(c))
            {
                throw new ConfigException($"path '{expression}': whitespace is not allowed in a path; quote the element");
            }
            else
            {
                current.Append(c);
                hasContent = true;
            }
        }

        if (!hasContent)
        {
            throw new ConfigException(expression.Length == 0 ? "path is empty" : $"path '{expression}': empty element at the end");
        }

        segments.Add(current.ToString());
        return segments;
    }

    /// <summary>Renders elements as a path expression, quoting elements that hold dots or other special characters.</summary>
    public static string Render(IEnumerable<string> segments) => string.Join('.', segments.Select(RenderKey));

    /// <summary>Renders one key, quoted when it is not a plain word (letters, digits, '-' and '_').</summary>
    public static string RenderKey(string key)
    {
        if (key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') && key is not ("true" or "false" or "null" or "include"))
        {
            return key;
        }

        return Quote(key);
    }

    /// <summary>JSON-quotes a string.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    internal static IReadOnlyList<string> Append(IReadOnlyList<string> path, string key)
    {
        var result = new string[path.Count + 1];
        for (var i = 0; i < path.Count; i++)
        {
            result[i] = path[i];
        }

        result[^1] = key;
        return result;
    }
}
