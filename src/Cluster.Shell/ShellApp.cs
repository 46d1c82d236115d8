using Cluster.Runtime.Commands.Protocol;
using Cluster.Shell.Client;

namespace Cluster.Shell;

/// <summary>
/// The <c>uc</c> program: parses its own arguments, then runs one command (one-shot) or the interactive session.
/// Returns the process exit status (see <see cref="ShellOptions.Usage"/>).
/// </summary>
internal static class ShellApp
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, ShellIo io)
    {
        ShellOptions options;
        try
        {
            options = ShellOptions.Parse(args, io.Environment);
        }
        catch (ShellUsageException e)
        {
            await io.Error.WriteLineAsync("uc: " + e.Message);
            return ShellProtocol.ExitUsage;
        }
        if (options.ShowHelp)
        {
            await io.Output.WriteLineAsync(ShellOptions.Usage);
            return ShellProtocol.ExitOk;
        }
        if (options.ShowVersion)
        {
            await io.Output.WriteLineAsync(ShellClient.ClientName + $" (protocol {ShellProtocol.Version})");
            return ShellProtocol.ExitOk;
        }
        if (options.Command.Count == 0)
            return await new InteractiveSession(options, io).RunAsync();

        try
        {
            await using var client = await ShellClient.ConnectAsync(options.Endpoint, options.Token, options.ConnectTimeout, CancellationToken.None);
            return await CommandRunner.RunAsync(client, options.Command, io);
        }
        catch (ShellConnectionException e)
        {
            await io.Error.WriteLineAsync("uc: " + e.Message);
            return e.ExitCode;
        }
    }
}
