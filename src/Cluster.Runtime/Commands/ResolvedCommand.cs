namespace Cluster.Runtime.Commands;

/// <summary>
/// What a command line resolved to: a palette command to invoke, or a built-in (help) that writes its own output.
/// </summary>
internal sealed record ResolvedCommand(CommandInvocation? Invocation, Func<CommandOutput, Task>? BuiltIn, bool IsJson);
