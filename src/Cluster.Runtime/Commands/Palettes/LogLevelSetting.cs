using Serilog.Events;

namespace Cluster.Runtime.Commands.Palettes;

/// <summary>
/// A minimum level in force: the default (<see cref="Namespace"/> null) or an override for a namespace prefix, as
/// Serilog's <c>MinimumLevel.Override</c> does.
/// </summary>
public sealed record LogLevelSetting(string? Namespace, LogEventLevel Level);
