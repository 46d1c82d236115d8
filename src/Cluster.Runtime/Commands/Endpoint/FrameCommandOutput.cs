using System.Text.Json.Nodes;
using System.Threading.Channels;
using Cluster.Runtime.Commands.Protocol;

namespace Cluster.Runtime.Commands.Endpoint;

/// <summary>
/// <see cref="CommandOutput"/> that turns each write into a frame on the connection's bounded queue. Waiting for
/// queue space observes the command's token, so a command whose client went away stops at its next write.
/// </summary>
internal sealed class FrameCommandOutput(long id, bool isJson, ChannelWriter<ShellFrame> queue, CancellationToken cancellationToken)
    : CommandOutput
{
    public override bool IsJson => isJson;

    public override ValueTask WriteTableAsync(CommandTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (isJson)
            return Enqueue(new JsonFrame(id, CommandJson.TableToJson(table)));
        var rows = table.Rows.Select(r => (IReadOnlyList<JsonNode?>)r.Select(CommandJson.ToNode).ToArray()).ToArray();
        return Enqueue(new TableFrame(id, table.Title, table.Columns, rows));
    }

    public override ValueTask WriteSectionAsync(string? title, IReadOnlyList<KeyValuePair<string, object?>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (isJson)
            return Enqueue(new JsonFrame(id, CommandJson.SectionToJson(title, entries)));
        return Enqueue(new SectionFrame(id, title, entries.Select(e => new SectionEntry(e.Key, CommandJson.ToNode(e.Value))).ToArray()));
    }

    public override ValueTask WriteLineAsync(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Enqueue(isJson ? new JsonFrame(id, JsonValue.Create(text)) : new LineFrame(id, text));
    }

    public override ValueTask WriteJsonAsync(JsonNode? value) => Enqueue(new JsonFrame(id, value?.DeepClone()));

    private ValueTask Enqueue(ShellFrame frame) => queue.WriteAsync(frame, cancellationToken);
}
