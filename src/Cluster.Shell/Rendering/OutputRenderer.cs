using System.Text.Json;
using System.Text.Json.Nodes;
using Cluster.Runtime.Commands.Protocol;

namespace Cluster.Shell.Rendering;

/// <summary>
/// Prints response frames. For people: aligned tables, <c>key: value</c> sections, indented JSON. With
/// <c>--json</c>: each JSON value on its own line (newline-delimited JSON), so <c>jq</c> and scripts can read stdout
/// directly. Errors always go to stderr so they never corrupt machine-read output.
/// </summary>
internal sealed class OutputRenderer(TextWriter output, TextWriter error, bool jsonMode)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public void Render(ShellFrame frame)
    {
        switch (frame)
        {
            case TableFrame table:
                if (table.Title is { } title)
                    output.Write(title + "\n");
                output.Write(TextTable.Render(table.Columns, table.Rows));
                break;
            case SectionFrame section:
                RenderSection(section);
                break;
            case LineFrame line:
                output.Write(line.Text + "\n");
                break;
            case JsonFrame json:
                output.Write((json.Value is null ? "null" : json.Value.ToJsonString(jsonMode ? null : Indented)) + "\n");
                break;
            case ErrorFrame failure:
                error.Write("error: " + failure.Message + "\n");
                break;
        }
        output.Flush();
    }

    private void RenderSection(SectionFrame section)
    {
        var indent = "";
        if (section.Title is { } title)
        {
            output.Write(title + "\n");
            indent = "  ";
        }
        var width = section.Entries.Count == 0 ? 0 : section.Entries.Max(e => e.Key.Length) + 1;
        foreach (var entry in section.Entries)
            output.Write($"{indent}{(entry.Key + ":").PadRight(width)} {TextTable.CellText(entry.Value)}".TrimEnd() + "\n");
    }

    /// <summary>Whether a command line asks for JSON: a <c>--json</c> word before any <c>--</c>.</summary>
    public static bool WantsJson(IReadOnlyList<string> argv)
    {
        foreach (var word in argv)
        {
            if (word == "--")
                return false;
            if (word == "--json")
                return true;
        }
        return false;
    }
}
