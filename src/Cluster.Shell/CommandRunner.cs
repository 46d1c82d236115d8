using Cluster.Shell.Client;
using Cluster.Shell.Rendering;

namespace Cluster.Shell;

/// <summary>
/// Runs one command over a connected client: renders frames as they arrive and turns Ctrl-C into a cancel for
/// that command only, so the shell (and its connection) survive stopping a stream.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(ShellClient client, IReadOnlyList<string> argv, ShellIo io)
    {
        var renderer = new OutputRenderer(io.Output, io.Error, OutputRenderer.WantsJson(argv));
        using var interrupt = new CancellationTokenSource();
        using var registration = io.Interrupts.Register(() =>
        {
            try
            {
                interrupt.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The command already finished.
            }
        });
        var exit = await client.ExecuteAsync(argv, json: false, renderer.Render, interrupt.Token).ConfigureAwait(false);
        await io.Output.FlushAsync().ConfigureAwait(false);
        return exit;
    }
}
