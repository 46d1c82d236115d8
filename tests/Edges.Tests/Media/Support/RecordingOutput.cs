using System.Text.Json.Nodes;
using Cluster.Runtime.Commands;

namespace Cluster.Edges.Tests.Media.Support;

/// <summary>Keeps what a palette handler wrote, for assertions.</summary>
internal sealed class RecordingOutput(bool isJson = false) : CommandOutput
{
    public List<CommandTable> Tables { get; } = [];

    public List<JsonNode> Sections { get; } = [];

    public override bool IsJson => isJson;

    public override ValueTask WriteTableAsync(CommandTable table)
    {
        Tables.Add(table);
        return ValueTask.CompletedTask;
    }

    public override ValueTask WriteSectionAsync(string? title, IReadOnlyList<KeyValuePair<string, object?>> entries)
    {
        Sections.Add(CommandJson.SectionToJson(title, entries));
        return ValueTask.CompletedTask;
    }

    public override ValueTask WriteLineAsync(string text) => throw new InvalidOperationException($"unexpected line: {text}");

    public override ValueTask WriteJsonAsync(JsonNode? value) => throw new InvalidOperationException("unexpected raw JSON");
}
