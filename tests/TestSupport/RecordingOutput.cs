using System.Text.Json.Nodes;
using Cluster.Runtime.Commands;

namespace Cluster.TestSupport;

/// <summary>
/// Keeps everything a command handler writes (tables, sections as JSON, lines, JSON), so palette tests in every
/// project can call handlers or help directly and assert on the output without a shell connection.
/// </summary>
public sealed class RecordingOutput(bool isJson = false) : CommandOutput
{
    public List<object> Items { get; } = [];

    public override bool IsJson => isJson;

    public IEnumerable<CommandTable> Tables => Items.OfType<CommandTable>();

    public IEnumerable<string> Lines => Items.OfType<string>();

    public override ValueTask WriteTableAsync(CommandTable table)
    {
        Items.Add(table);
        return ValueTask.CompletedTask;
    }

    public override ValueTask WriteSectionAsync(string? title, IReadOnlyList<KeyValuePair<string, object?>> entries)
    {
        Items.Add(CommandJson.SectionToJson(title, entries));
        return ValueTask.CompletedTask;
    }

    public override ValueTask WriteLineAsync(string text)
    {
        Items.Add(text);
        return ValueTask.CompletedTask;
    }

    public override ValueTask WriteJsonAsync(JsonNode? value)
    {
        Items.Add(value ?? JsonValue.Create("null"));
        return ValueTask.CompletedTask;
    }
}
