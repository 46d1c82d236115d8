using Cluster.TestSupport;

namespace Cluster.Node.Tests.Hosting;

/// <summary>Runs the real <c>uc</c> executable one-shot against a node, as an operator's script would.</summary>
public static class ShellProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(int shellPort, params string[] command)
    {
        await using var shell = NodeProcess.Start("uc", RepositoryPaths.ProjectAssembly("Cluster.Shell", "uc"),
            [$"127.0.0.1:{shellPort}", .. command], RepositoryPaths.Root);
        var code = await shell.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (code, shell.Output);
    }
}
