using System.Net;
using Cluster.Runtime.Commands;
using Cluster.Runtime.Commands.Endpoint;

namespace Cluster.Shell.Tests;

/// <summary>
/// A real command endpoint on a free loopback port with a small palette, standing in for a node in shell tests.
/// </summary>
internal sealed class ShellTestNode : IAsyncDisposable
{
    public const string Token = "operator-token-123";

    private readonly CommandEndpoint endpoint;

    private ShellTestNode(CommandEndpoint endpoint) => this.endpoint = endpoint;

    public TaskCompletionSource StreamStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource StreamCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Address => $"127.0.0.1:{endpoint.LocalEndPoint.Port}";

    public static async Task<ShellTestNode> StartAsync(string? token = null, Func<IPEndPoint, bool>? isLocal = null)
    {
        var registry = new CommandRegistry();
        ShellTestNode? node = null;
        var endpoint = new CommandEndpoint(new CommandEndpointSettings { Port = 0, OperatorToken = token }, registry,
            new CommandEndpointIdentity("node1", "uc://cluster@127.0.0.1:4053", "0.1.0"), isLocalClient: isLocal);
        node = new ShellTestNode(endpoint);
        registry.Register(node.BuildPalette());
        await endpoint.StartAsync();
        return node;
    }

    public ValueTask DisposeAsync() => endpoint.DisposeAsync();

    private CommandPalette BuildPalette() => new("cluster", "Cluster membership (test double)",
    [
        new CommandDefinition("show", "List members", async (_, output, _) =>
        {
            var table = new CommandTable("address", "status", "shards")
                .AddRow("node1:4053", "Up", 12)
                .AddRow("node2:4053", "Joining", 3);
            await output.WriteTableAsync(table);
        }),
        new CommandDefinition("echo", "Echo words", (invocation, output, _) =>
                output.WriteLineAsync(string.Join(" ", invocation.Arguments("word"))).AsTask(),
            arguments: [new CommandArgument("word", "words", isRepeatable: true)]),
        new CommandDefinition("leave", "Ask a member to leave", (invocation, _, _) =>
                throw new CommandFailedException($"member {invocation.Argument("address")} is not part of the cluster"),
            arguments: [new CommandArgument("address", "member address")],
            options: [CommandOption.Flag("force", "skip the hand-off", 'f')]),
        new CommandDefinition("tail", "Follow membership events", async (_, output, cancellationToken) =>
            {
                await output.WriteLineAsync("member node1 Up");
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
