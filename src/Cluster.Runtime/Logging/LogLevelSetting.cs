using Serilog.Events;

namespace Cluster.Runtime.Logging;

/// <summary>One line of <c>log level</c> output: the default (<see cref="Namespace"/> null) or a namespace override.</summary>
public sealed record LogLevelSetting(string? Namespace, LogEventLevel Level)
{
    public override string ToString() => $"{Namespace ?? "(default)"}: {LogLevelNames.Name(Level)}";
}
