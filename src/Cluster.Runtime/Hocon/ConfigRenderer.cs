using System.Text;

namespace Cluster.Runtime.Hocon;

/// <summary>
/// Renders a tree as HOCON that parses back to the same tree: strings are always quoted, keys quoted when needed,
/// unresolved substitutions written as <c>${...}</c>, and a value still waiting to be merged over an earlier one is
/// written as two assignments of the same key (earlier first), which HOCON merges again on parsing.
/// </summary>
internal static class ConfigRenderer
{
    private const string Indent = "  ";

    public static string Render(ConfigObject root, bool includeOrigins)
    {
        var sb = new StringBuilder();
        RenderFields(root, sb, 0, includeOrigins);
        return sb.ToString();
    }

    private static void RenderFields(ConfigObject obj, StringBuilder sb, int depth, bool includeOrigins)
    {
        foreach (var (key, value) in obj)
        {
            foreach (var assignment in Assignments(value))
            {
                if (includeOrigins)
                {
                    Pad(sb, depth).Append("# ").Append(assignment.Origin).Append('\n');
                }

                Pad(sb, depth).Append(ConfigPath.RenderKey(key));
                sb.Append(assignment is ConfigObject ? " " : " = ");
                RenderValue(assignment, sb, depth, includeOrigins);
                sb.Append('\n');
            }
        }
    }

    private static IEnumerable<ConfigValue> Assignments(ConfigValue value)
    {
        if (value is ConfigDelayedMerge merge)
        {
            return Assignments(merge.Lower).Concat(Assignments(merge.Higher));
        }

        return [value];
    }

    private static StringBuilder Pad(StringBuilder sb, int depth)
    {
        for (var i = 0; i < depth; i++)
        {
            sb.Append(Indent);
        }

        return sb;
    }

    private static void RenderValue(ConfigValue value, StringBuilder sb, int depth, bool includeOrigins)
    {
        switch (value)
        {
            case ConfigObject { Count: 0 }:
                sb.Append("{}");
                break;
            case ConfigObject obj:
                sb.Append("{\n");
                RenderFields(obj, sb, depth + 1, includeOrigins);
                Pad(sb, depth).Append('}');
                break;
            case ConfigList { Count: 0 }:
                sb.Append("[]");
                break;
            case ConfigList list when list.All(i => i is ConfigScalar or ConfigSubstitution):
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    sb.Append(i == 0 ? string.Empty : ", ");
                    RenderValue(list[i], sb, depth, includeOrigins);
                }

                sb.Append(']');
                break;
            case ConfigList list:
                sb.Append("[\n");
                foreach (var item in list)
                {
                    Pad(sb, depth + 1);
                    RenderValue(item, sb, depth + 1, includeOrigins);
                    sb.Append('\n');
                }

                Pad(sb, depth).Append(']');
                break;
            case ConfigScalar { IsWhitespace: true } whitespace:
                sb.Append(whitespace.Text);
                break;
            case ConfigScalar { ValueType: ConfigValueType.String } text:
                sb.Append(ConfigPath.Quote(text.Text));
                break;
            case ConfigScalar scalar:
                sb.Append(scalar.Text);
                break;
            case ConfigSubstitution sub:
                sb.Append(sub);
                break;
            case ConfigConcatenation concat:
                foreach (var piece in concat.Pieces)
                {
                    RenderValue(piece, sb, depth, includeOrigins);
                }

                break;
            case ConfigDelayedMerge merge:
                RenderValue(merge.Higher, sb, depth, includeOrigins);
                break;
            default:
                throw new InvalidOperationException($"cannot render {value.GetType().Name}");
        }
    }
}
