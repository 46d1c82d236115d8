using Cluster.Runtime.Commands;

namespace Cluster.Runtime.Tests.Commands;

/// <summary>A palette exercising every output kind and outcome, with probes for the streaming command.</summary>
internal sealed class TestPalette
{
    /// <summary>Set when <c>test stream</c> has written its first line.</summary>
    public TaskCompletionSource StreamStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when <c>test stream</c> observed its cancellation token.</summary>
    public TaskCompletionSource StreamCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CommandPalette Build() => new("test", "Commands for tests",
    [
        new CommandDefinition("show", "A table", async (_, output, _) =>
        {
            await output.WriteTableAsync(new CommandTable("name", "count") { Title = "Items" }.AddRow("a", 1).AddRow("b", 22));
            await output.WriteSectionAsync("Totals", [new("items", 2), new("ok", true)]);
        }),
        new CommandDefinition("echo", "Echo words", async (invocation, output, _) =>
            {
                var text = string.Join(" ", invocation.Arguments("word"));
                await output.WriteLineAsync(invocation.Flag("upper") ? text.ToUpperInvariant() : text);
            },
            arguments: [new CommandArgument("word", "words to echo", isRepeatable: true)],
            options: [CommandOption.Flag("upper", "upper-case", 'u')]),
        new CommandDefinition("fail", "Fails on purpose", (_, _, _) => throw new CommandFailedException("disk full")),
        new CommandDefinition("crash", "Throws an unexpected exception", (_, _, _) => throw new InvalidOperationException("boom")),
        new CommandDefinition("stream", "Writes until cancelled", async (_, output, cancellationToken) =>
            {
                await output.WriteLineAsync("tick");
                StreamStarted.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    StreamCancelled.TrySetResult();
                    throw;
                }
            },
            isStreaming: true),
    ]);
}
