using System.Text.Json.Nodes;

namespace Cluster.Runtime.Commands;

/// <summary>
/// Where a handler writes its results. Each write becomes one frame to the client as soon as it is made, so a
/// streaming command (<c>log tail</c>) simply keeps writing until its cancellation token fires. Writes wait when the
/// connection's bounded output queue is full instead of buffering without limit.
/// </summary>
/// <remarks>
/// When <see cref="IsJson"/> is set, tables, sections and lines are converted to JSON values (see
/// <see cref="CommandJson"/>); a handler that wants a different JSON shape checks <see cref="IsJson"/> and calls
/// <see cref="WriteJsonAsync"/> instead.
/// </remarks>
public abstract class CommandOutput
{
    /// <summary>The client asked for <c>--json</c>.</summary>
    public abstract bool IsJson { get; }

    public abstract ValueTask WriteTableAsync(CommandTable table);

    /// <summary>A titled block of <c>key: value</c> pairs, in the order given.</summary>
    public abstract ValueTask WriteSectionAsync(string? title, IReadOnlyList<KeyValuePair<string, object?>> entries);

    public abstract ValueTask WriteLineAsync(string text);

    /// <summary>A structured value; in human mode the shell prints it indented.</summary>
    public abstract ValueTask WriteJsonAsync(JsonNode? value);
}
