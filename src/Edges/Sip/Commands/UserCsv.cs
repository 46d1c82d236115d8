using System.Text;

namespace Cluster.Edges.Sip.Commands;

/// <summary>
/// The CSV format of <c>uc user import</c> (RFC 4180 quoting): columns <c>address,password,display name,email,department</c>,
/// the last three optional; a first line starting with <c>address</c> is a header; blank lines and lines starting with
/// <c>#</c> are skipped. Each row keeps its line number so errors name it.
/// </summary>
public static class UserCsv
{
    /// <summary>One data row.</summary>
    public sealed record Row(int Line, string Address, string Password, string? DisplayName, string? Email, string? Department);

    /// <summary>Parses <paramref name="text"/> into rows and per-line errors (a bad line never stops the others).</summary>
    public static (IReadOnlyList<Row> Rows, IReadOnlyList<string> Errors) Parse(string text)
    {
        var rows = new List<Row>();
        var errors = new List<string>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var number = i + 1;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#')) continue;
            if (!TrySplit(line, out var fields, out var error))
            {
                errors.Add($"line {number}: {error}");
                continue;
            }
            if (number == 1 && fields[0].Trim().Equals("address", StringComparison.OrdinalIgnoreCase)) continue;
            if (fields.Count < 2 || fields.Count > 5)
            {
                errors.Add($"line {number}: expected 2 to 5 columns (address,password[,display name,email,department]) but found {fields.Count}");
                continue;
            }
            string? Optional(int index) => fields.Count > index && fields[index].Trim() is { Length: > 0 } v ? v : null;
            rows.Add(new Row(number, fields[0].Trim(), fields[1], Optional(2), Optional(3), Optional(4)));
        }
        return (rows, errors);
    }

    private static bool TrySplit(string line, out List<string> fields, out string error)
    {
        fields = [];
        error = "";
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"' && current.Length == 0) quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        if (quoted)
        {
            error = "a quoted field is not closed";
            return false;
        }
        fields.Add(current.ToString());
        return true;
    }
}
