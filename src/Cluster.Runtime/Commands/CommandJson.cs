using System.Globalization;
using System.Text.Json.Nodes;

namespace Cluster.Runtime.Commands;

/// <summary>
/// The fixed mapping from command output to JSON used by <c>--json</c>, kept in one place so scripts can rely on
/// it: a table is an array of objects keyed by column name, a section an object (wrapped in its title when it has
/// one), a line a string.
/// </summary>
public static class CommandJson
{
    /// <summary>Converts a cell or section value to a JSON node without reflection.</summary>
    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        uint u => JsonValue.Create(u),
        ulong ul => JsonValue.Create(ul),
        short sh => JsonValue.Create(sh),
        ushort us => JsonValue.Create(us),
        byte by => JsonValue.Create(by),
        double d when double.IsFinite(d) => JsonValue.Create(d),
        float f when float.IsFinite(f) => JsonValue.Create(f),
        decimal m => JsonValue.Create(m),
        DateTimeOffset dto => JsonValue.Create(dto.ToString("O", CultureInfo.InvariantCulture)),
        DateTime dt => JsonValue.Create(dt.ToString("O", CultureInfo.InvariantCulture)),
        TimeSpan ts => JsonValue.Create(ts.ToString("c", CultureInfo.InvariantCulture)),
        Enum e => JsonValue.Create(e.ToString()),
        IFormattable formattable => JsonValue.Create(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value.ToString()),
    };

    public static JsonArray TableToJson(CommandTable table)
    {
        var array = new JsonArray();
        foreach (var row in table.Rows)
        {
            var item = new JsonObject();
            for (var i = 0; i < table.Columns.Count; i++)
                item[table.Columns[i]] = ToNode(row[i]);
            array.Add(item);
        }
        return array;
    }

    public static JsonNode SectionToJson(string? title, IReadOnlyList<KeyValuePair<string, object?>> entries)
    {
        var body = new JsonObject();
        foreach (var (key, value) in entries)
            body[key] = ToNode(value);
        return title is null ? body : new JsonObject { [title] = body };
    }

    /// <summary>Text form of a cell for people: invariant culture, empty for null.</summary>
    public static string ToText(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset dto => dto.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture),
        TimeSpan ts => ts.ToString("c", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
