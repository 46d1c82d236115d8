using Serilog.Events;

namespace Cluster.Runtime.Commands.Palettes;

/// <summary>
/// One log event as <c>log tail</c> shows it: already rendered, so the palette stays independent of how the node's
/// logging pipeline is built.
/// </summary>
/// <param name="Timestamp">When the event was logged.</param>
/// <param name="Level">Serilog level.</param>
/// <param name="Source">Source context (usually the logging type's full name); null when the event has none.</param>
/// <param name="Message">The rendered message.</param>
/// <param name="Exception">The exception text, if the event carries one.</param>
public sealed record LogTailEvent(DateTimeOffset Timestamp, LogEventLevel Level, string? Source, string Message, string? Exception);
