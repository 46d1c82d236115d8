using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cluster.Shell.Rendering;

/// <summary>
/// Lays out a table for people: every column as wide as its widest cell, a dashed underline under the header,
/// numbers right-aligned so magnitudes line up, and no trailing spaces.
/// </summary>
internal static class TextTable
{
    public static string Render(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<JsonNode?>> rows)
    {
        var cells = rows.Select(r => r.Select(CellText).ToArray()).ToArray();
        var numeric = new bool[columns.Count];
        for (var c = 0; c < columns.Count; c++)
            numeric[c] = rows.Count > 0 && rows.All(r => c < r.Count && (r[c] is null || r[c]!.GetValueKind() == JsonValueKind.Number));
        var widths = new int[columns.Count];
        for (var c = 0; c < columns.Count; c++)
            widths[c] = Math.Max(columns[c].Length, cells.Length == 0 ? 0 : cells.Max(r => c < r.Length ? r[c].Length : 0));

        var text = new StringBuilder();
        AppendRow(text, columns, widths, new bool[columns.Count]);
        AppendRow(text, widths.Select(w => new string('-', w)).ToArray(), widths, new bool[columns.Count]);
        foreach (var row in cells)
            AppendRow(text, row, widths, numeric);
        return text.ToString();
    }

    /// <summary>Text of one cell: strings as they are, other values in their JSON spelling, null as empty.</summary>
    public static string CellText(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static void AppendRow(StringBuilder text, IReadOnlyList<string> cells, int[] widths, bool[] rightAlign)
    {
        var line = new StringBuilder();
        for (var c = 0; c < widths.Length; c++)
        {
            var cell = c < cells.Count ? Flatten(cells[c]) : "";
            if (c > 0)
                line.Append("  ");
            line.Append(rightAlign[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
        }
        text.Append(line.ToString().TrimEnd()).Append('\n');
    }

    // A newline inside a cell would break the grid.
    private static string Flatten(string cell) => cell.Replace("\r", "", StringComparison.Ordinal).Replace('\n', ' ');
}
